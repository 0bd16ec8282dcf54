package com.careplace.workbench.review;

import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.authoring.AssetChange;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.AssetTemplates;
import com.careplace.workbench.rules.CheckReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authors create, rename and delete rule assets in change requests; approval carries each into mainline and the release. */
@SpringBootTest(classes = WorkbenchApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class AssetLifecycleTest {

    /** The lifecycle is under test here, not coverage: the new rules are submitted with the reason a reviewer would read. */
    private static final String WAIVER = "Lifecycle test: the centenarian rule is tried by the release, not by a suite";

    private static final String TABLE = "com/careplace/rules/centenarian-warnings.drl.csv";
    private static final String SUITE = "scenarios/centenarians.yaml";
    private static final Map<String, Object> CENTENARIAN_SELF_PAY = Map.of("age", 115, "diagnoses", List.of("F10.20"),
            "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1), "availableHoursPerWeek", 12,
            "payer", "SELF_PAY");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    ChangeRequestService changes;
    @Autowired
    ReviewService review;
    @Autowired
    ReleaseService releases;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private List<String> mainlinePaths() {
        return changes.mainline().stream().map(AssetRevision::path).toList();
    }

    private String approve(ChangeRequest request) {
        SignedIn.as("rita", Role.REVIEWER);
        return review.approve(request.id(), "rita", "ok", null, changes.stamp(request.id())).release().version();
    }

    /** A table from the template (conditions on age and payer, rows raising a payer warning) with one row, and a suite. */
    private ChangeRequest createdTableAndSuite() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Centenarians", "A new table from the template", "dana");
        String table = AssetTemplates.decisionTable("Centenarian warnings", List.of("age", "payer"),
                AssetTemplates.Action.PAYER_WARNING, Vocabulary.baseline());
        changes.create(request.id(), TABLE, table, "dana", "new table");
        changes.save(request.id(), TABLE, table + "Centenarian self-pay,110,SELF_PAY,PAYER_MINIMUM_HOURS_NOT_MET\n", 1, "dana",
                "first row");
        changes.create(request.id(), SUITE, AssetTemplates.scenarioSuite("Centenarians"), "dana", "new suite");
        return request;
    }

    @Test
    void an_empty_table_from_the_template_compiles_and_its_rows_decide_once_released() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest empty = changes.open("Empty table", "Template only", "dana");
        for (AssetTemplates.Action action : AssetTemplates.Action.values()) {
            String path = "com/careplace/rules/empty-" + action.name().toLowerCase().replace('_', '-') + ".drl.csv";
            changes.create(empty.id(), path, AssetTemplates.decisionTable("Empty " + action, List.of("age", "payer",
                    "currentLevel", "suicideRisk", "availableHoursPerWeek"), action, Vocabulary.baseline()), "dana", "template");
        }
        changes.create(empty.id(), "com/careplace/rules/empty.drl", AssetTemplates.drl("Nothing yet"), "dana", "template");
        CheckReport check = changes.check(empty.id(), "dana");
        assertThat(check.passes()).as(String.join("; ", check.reasons())).isTrue();

        ChangeRequest request = createdTableAndSuite();
        assertThat(changes.changedAssets(request.id())).extracting(AssetChange::path, AssetChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TABLE, AssetChange.Kind.CREATED),
                org.assertj.core.groups.Tuple.tuple(SUITE, AssetChange.Kind.CREATED));
        changes.submit(request.id(), "dana", WAIVER);
        String version = approve(request);
        assertThat(mainlinePaths()).contains(TABLE, SUITE);
        assertThat(releases.forRequest(version).evaluator().evaluate(PlacementRequestReader.read(CENTENARIAN_SELF_PAY))
                .payer().warnings()).containsExactly(PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET);
    }

    @Test
    void a_rename_and_a_delete_leave_mainline_and_the_release_on_approval() {
        ChangeRequest first = createdTableAndSuite();
        changes.submit(first.id(), "dana", WAIVER);
        approve(first);

        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest second = changes.open("Tidy up", "Better names", "dana");
        String renamed = "com/careplace/rules/oldest-patients.drl.csv";
        changes.rename(second.id(), TABLE, renamed, 2, "dana", "clearer name");
        SignedIn.as("lee", Role.AUTHOR);
        changes.delete(second.id(), SUITE, 1, "lee", "covered elsewhere");
        assertThat(changes.assets(second.id())).extracting(AssetRevision::path).contains(renamed).doesNotContain(TABLE, SUITE);
        assertThat(changes.changedAssets(second.id())).extracting(AssetChange::path, AssetChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TABLE, AssetChange.Kind.DELETED),
                org.assertj.core.groups.Tuple.tuple(renamed, AssetChange.Kind.CREATED),
                org.assertj.core.groups.Tuple.tuple(SUITE, AssetChange.Kind.DELETED));
        assertThat(changes.contributors(second.id())).as("who deleted is a contributor: four eyes").contains("dana", "lee");
        SignedIn.as("dana", Role.AUTHOR);
        changes.submit(second.id(), "dana", WAIVER);
        SignedIn.as("lee", Role.AUTHOR, Role.REVIEWER);
        assertThatThrownBy(() -> review.approve(second.id(), "lee", "ok", null, changes.stamp(second.id())))
                .isInstanceOf(FourEyesException.class);

        String version = approve(second);
        assertThat(mainlinePaths()).contains(renamed).doesNotContain(TABLE, SUITE);
        assertThat(releases.forRequest(version).evaluator().evaluate(PlacementRequestReader.read(CENTENARIAN_SELF_PAY))
                .firedRules()).contains("Centenarian self-pay");
        assertThat(changes.history(TABLE)).as("the old path keeps its history, its deletion last")
                .extracting(h -> h.reason()).endsWith("Renamed to " + renamed + ": clearer name");
    }

    @Test
    void what_cannot_be_created_or_deleted_is_refused_naming_why() {
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Mistakes", "Trying", "dana");
        assertThatThrownBy(() -> changes.create(request.id(), "com/careplace/rules/Payer Rules.drl", "", "dana", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case letters, digits and dashes");
        assertThatThrownBy(() -> changes.create(request.id(), "etc/passwd.drl", "", "dana", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not where a new asset goes");
        assertThatThrownBy(() -> changes.create(request.id(), "com/careplace/rules/placement.drl", "", "dana", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("There is already an asset com/careplace/rules/placement.drl");
        assertThatThrownBy(() -> changes.delete(request.id(), "com/careplace/vocabulary/payers.csv", 1, "dana", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Vocabulary files cannot be deleted");
        assertThatThrownBy(() -> changes.create(request.id(), TABLE, "x", "dana", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reason is required");

        changes.create(request.id(), TABLE, "x", "dana", "try");
        ChangeRequest other = changes.open("Same name", "Elsewhere", "dana");
        assertThatThrownBy(() -> changes.create(other.id(), TABLE, "y", "dana", "try"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Change request 'Mistakes' also creates " + TABLE);
        // Created and deleted in the same change request: as if it never was
        changes.delete(request.id(), TABLE, 1, "dana", "not needed");
        assertThat(changes.changedAssets(request.id())).isEmpty();
        assertThat(changes.assets(request.id())).extracting(AssetRevision::path).doesNotContain(TABLE);
        changes.create(other.id(), TABLE, "y", "dana", "now free");
        assertThat(changes.assets(other.id())).extracting(AssetRevision::path).contains(TABLE);
    }
}
