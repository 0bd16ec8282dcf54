package com.careplace.workbench.authoring;

import com.careplace.workbench.rules.BaselineAssets;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.RuleCompiler;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.base.LineDiff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Change requests on a real database, with the decision service embedded as in the workbench. */
@SpringBootTest(classes = WorkbenchApplication.class)
class ChangeRequestServiceTest {

    private static final String PAYER = TricareMinimum.TABLE;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    ChangeRequestService changes;
    @Autowired
    RuleCompiler compiler;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void signIn() {
        SignedIn.as("dana", Role.AUTHOR);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static String text(List<AssetRevision> assets, String path) {
        return assets.stream().filter(a -> a.path().equals(path)).findFirst().orElseThrow().text();
    }

    @Test
    void baselineIsImportedOnce() {
        assertThat(changes.importBaseline(BaselineAssets.load(), "system", "again")).isFalse();
        assertThat(changes.mainline()).as("5 rule files, 6 scenario suites, 7 vocabulary files").hasSize(18).allSatisfy(a -> assertThat(a.revision()).isEqualTo(1));
    }

    @Test
    void aRuleNoScenarioFiresGoesToReviewOnlyWithAReasonTheReviewerSees() {
        ChangeRequest request = changes.open("A rule for the very old", "Geriatric programme pilot", "dana");
        String placement = "com/careplace/rules/placement.drl";
        String rule = "Geriatric review: age over 120";
        changes.save(request.id(), placement, text(changes.assets(request.id()), placement) + "\nrule \"" + rule + "\"\nwhen\n"
                + "    Assessment( age > 120 )\nthen\nend\n", 1, "dana", "Pilot rule, scenarios to follow");

        assertThatThrownBy(() -> changes.submit(request.id(), "dana"))
                .isInstanceOfSatisfying(SubmissionRefusedException.class, refused -> {
                    assertThat(refused.uncoveredRules()).containsExactly(rule);
                    assertThat(refused.reasons()).singleElement().asString().startsWith("1 rule(s) fire in no scenario (" + rule + ")");
                });
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);
        assertThat(changes.coverageWaiver(request.id())).isEmpty();

        changes.submit(request.id(), "dana", "No patient over 120 in our registry to model a scenario on");
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(changes.coverageWaiver(request.id())).contains(new CoverageWaiver("dana",
                "No patient over 120 in our registry to model a scenario on", List.of(rule)));
        assertThat(jdbc.queryForObject("select detail from audit_entry where action = 'change-request.coverage-waiver' and subject = ?",
                String.class, request.id())).isEqualTo("1 rule(s) fire in no scenario (" + rule + "): No patient over 120 in our "
                + "registry to model a scenario on");
    }

    @Test
    void onlyItsAuthorWithdrawsAChangeRequestAndThenNothingCanChangeIt() {
        ChangeRequest request = changes.open("Not after all", "Trying something", "dana");
        SignedIn.as("lee", Role.AUTHOR);
        assertThatThrownBy(() -> changes.withdraw(request.id(), "lee", "Tidying up"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Only dana, who opened it, can withdraw 'Not after all'");
        SignedIn.as("dana", Role.AUTHOR);
        assertThatThrownBy(() -> changes.withdraw(request.id(), "dana", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reason is required");

        assertThat(changes.withdraw(request.id(), "dana", "The payer dropped the contract").status())
                .isEqualTo(ChangeRequest.Status.WITHDRAWN);
        assertThatThrownBy(() -> changes.save(request.id(), PAYER, "x", 1, "dana", "late edit")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> changes.withdraw(request.id(), "dana", "again")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is withdrawn");
        assertThat(jdbc.queryForObject("select detail from audit_entry where action = 'change-request.withdraw' and subject = ?",
                String.class, request.id())).isEqualTo("Not after all: The payer dropped the contract");
    }

    @Test
    void severalAssetsAreSavedWithOneReasonOrNoneIs() {
        ChangeRequest request = changes.open("Two tables", "One reason for both", "dana");
        String levels = "com/careplace/rules/dimension-levels.drl.csv";
        String payer = TricareMinimum.table(text(changes.assets(request.id()), PAYER), 7);
        String levelTable = text(changes.assets(request.id()), levels).replace("rated 0: minimum level 1,D1,0,1", "rated 0: minimum level 1,D1,0,0.5");
        // Someone else's save of the levels table in the meantime: neither edit may land.
        changes.save(request.id(), levels, levelTable + "\n", 1, "dana", "from another tab");
        assertThatThrownBy(() -> changes.saveAll(request.id(), List.of(new ChangeRequestService.Edit(PAYER, payer, 1),
                new ChangeRequestService.Edit(levels, levelTable, 1)), "dana", "TRICARE and D1"))
                .isInstanceOf(EditConflictException.class);
        assertThat(text(changes.assets(request.id()), PAYER)).as("the first edit was rolled back too").contains("TRICARE,yes,no,6,");
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where detail like ?", Integer.class, "%TRICARE and D1%"))
                .as("nor audited").isZero();

        List<AssetRevision> saved = changes.saveAll(request.id(), List.of(new ChangeRequestService.Edit(PAYER, payer, 1),
                new ChangeRequestService.Edit(levels, levelTable, 2)), "dana", "TRICARE and D1");
        assertThat(saved).extracting(AssetRevision::revision).containsExactly(2, 3);
        assertThat(changes.history(PAYER)).anySatisfy(h -> assertThat(h.reason()).isEqualTo("TRICARE and D1"));
        assertThat(changes.history(levels)).anySatisfy(h -> assertThat(h.reason()).isEqualTo("TRICARE and D1"));
    }

    @Test
    void editsStayInTheirChangeRequestAndAreKeptInHistory() {
        ChangeRequest medicaid = changes.open("Medicaid drops prior authorization", "State bulletin 2026-14", "dana");
        SignedIn.as("lee", Role.AUTHOR);
        ChangeRequest other = changes.open("Unrelated", "Testing isolation", "lee");
        SignedIn.as("dana", Role.AUTHOR);
        String edited = text(changes.assets(medicaid.id()), PAYER).replace("ELIGIBLE,MEDICAID,yes", "ELIGIBLE,MEDICAID,no");
        AssetRevision saved = changes.save(medicaid.id(), PAYER, edited, 1, "dana", "No prior authorization since 2026-12-01");

        assertThat(saved.revision()).isEqualTo(2);
        assertThat(text(changes.assets(medicaid.id()), PAYER)).isEqualTo(edited);
        assertThat(text(changes.assets(other.id()), PAYER)).contains("ELIGIBLE,MEDICAID,yes");
        assertThat(text(changes.mainline(), PAYER)).contains("ELIGIBLE,MEDICAID,yes");
        // Other tests share this database: look at mainline and this change request only.
        assertThat(changes.history(PAYER)).filteredOn(h -> h.changeRequestId() == null || h.changeRequestId().equals(medicaid.id()))
                .extracting(HistoryEntry::author, HistoryEntry::reason, HistoryEntry::changeRequestId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("system", "Release 1.0.0", null),
                        org.assertj.core.groups.Tuple.tuple("dana", "No prior authorization since 2026-12-01", medicaid.id()));
        assertThat(compiler.compile(changes.ruleAssets(medicaid.id())).compiles()).isTrue();
    }

    /** One answer for submit's gate, the review screen's diff and four eyes. */
    @Test
    void whoContributedAndWhichAssetsChangedComeFromAuthoring() {
        ChangeRequest request = changes.open("Medicaid wording", "Bulletin", "dana");
        assertThat(changes.contributors(request.id())).containsExactly("dana");
        assertThat(changes.changedAssets(request.id())).isEmpty();

        String mainline = text(changes.mainline(), PAYER);
        String edited = mainline.replace("ELIGIBLE,MEDICAID,yes", "ELIGIBLE,MEDICAID,no");
        SignedIn.as("lee", Role.AUTHOR);
        changes.save(request.id(), PAYER, edited, 1, "lee", "lee helped");
        assertThat(changes.contributors(request.id())).containsExactly("dana", "lee");
        assertThat(changes.changedAssets(request.id())).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo(PAYER);
            assertThat(change.mainline()).isEqualTo(mainline);
            assertThat(change.proposed().text()).isEqualTo(edited);
            assertThat(change.proposed().revision()).isEqualTo(2);
            assertThat(change.proposed().savedBy()).isEqualTo("lee");
        });

        // Saved back to what mainline holds: a working copy, but no change, and submit says so.
        SignedIn.as("dana", Role.AUTHOR);
        changes.save(request.id(), PAYER, mainline, 2, "dana", "undo");
        assertThat(changes.changedAssets(request.id())).isEmpty();
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).isInstanceOf(SubmissionRefusedException.class)
                .hasMessageContaining("it changes nothing");
    }

    @Test
    void theSecondSaveOnAStaleRevisionIsToldWhatChangedAndWritesNothing() {
        ChangeRequest request = changes.open("Tricare hours", "Payer manual update", "dana");
        String original = text(changes.assets(request.id()), PAYER);
        changes.save(request.id(), PAYER, TricareMinimum.table(original, 9), 1,
                "dana", "TRICARE minimum 9 hours");
        long versions = jdbc.queryForObject("select count(*) from asset_version", Long.class);

        // Lee opened the table at revision 1 too, and saves a different edit.
        SignedIn.as("lee", Role.AUTHOR);
        EditConflictException conflict = catchThrowableOfType(EditConflictException.class, () -> changes.save(request.id(), PAYER,
                original.replace("ELIGIBLE,SELF_PAY,no,no,,", "ELIGIBLE,SELF_PAY,no,no,3,"), 1, "lee", "Self-pay minimum"));

        SignedIn.as("dana", Role.AUTHOR);
        assertThat(conflict.theirs().savedBy()).isEqualTo("dana");
        assertThat(conflict.theirs().revision()).isEqualTo(2);
        assertThat(conflict.theirChanges()).extracting(LineDiff.Line::kind, LineDiff.Line::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.REMOVED, "Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,6,"),
                org.assertj.core.groups.Tuple.tuple(LineDiff.Kind.ADDED, "Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,9,"));
        assertThat(conflict.getMessage()).startsWith("payer-requirements.drl.csv was saved by dana")
                .contains("after you opened revision 1", "-13, +13", "Nothing of yours was saved");
        assertThat(jdbc.queryForObject("select count(*) from asset_version", Long.class)).isEqualTo(versions);
        assertThat(text(changes.assets(request.id()), PAYER)).contains("TRICARE,yes,no,9,").contains("SELF_PAY,no,no,,");
    }

    @Test
    void badInputIsNamedAndClosedOrUnknownTargetsAreRefused() {
        assertThatThrownBy(() -> changes.open(" ", "why", "dana")).hasMessage("title is required");
        assertThatThrownBy(() -> changes.open("t".repeat(201), "why", "dana")).hasMessage("title must be at most 200 characters");
        ChangeRequest request = changes.open("Title", "Rationale", "dana");
        assertThatThrownBy(() -> changes.save(request.id(), "com/careplace/rules/nope.drl", "x", 1, "dana", "r"))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("nope.drl");
        assertThatThrownBy(() -> changes.save(request.id(), PAYER, "x", 1, "dana", "")).hasMessage("reason is required");
        jdbc.update("update change_request set status = 'SUBMITTED' where id = ?", request.id());
        assertThatThrownBy(() -> changes.save(request.id(), PAYER, "x", 1, "dana", "r"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is SUBMITTED");
    }

    @Test
    void submittingIsGatedOnCompileAndSuitesByTheServer() {
        String suite = TricareMinimum.SUITE;
        ChangeRequest request = changes.open("TRICARE minimum 7 hours", "Payer manual 2026", "dana");
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).isInstanceOf(SubmissionRefusedException.class)
                .hasMessageContaining("it changes nothing");

        String table = text(changes.assets(request.id()), PAYER);
        changes.save(request.id(), PAYER, TricareMinimum.table(table, "seven"), 1,
                "dana", "typo on purpose");
        SubmissionRefusedException broken = catchThrowableOfType(SubmissionRefusedException.class,
                () -> changes.submit(request.id(), "dana"));
        assertThat(broken.reasons()).singleElement().asString().startsWith("payer-requirements.drl.csv row 13, Payer minimum hours/week (F)");

        changes.save(request.id(), PAYER, TricareMinimum.table(table, 7), 2,
                "dana", "TRICARE minimum is 7 hours");
        CheckReport failing = changes.check(request.id(), "dana");
        assertThat(failing.compileProblems()).isEmpty();
        assertThat(failing.reasons()).singleElement().asString().isEqualTo("Payer requirements › TRICARE adolescent with 6 hours "
                + "meets payer minimum: expected payer.warnings [], got [PAYER_MINIMUM_HOURS_NOT_MET]");
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).isInstanceOf(SubmissionRefusedException.class);
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.OPEN);

        String fixed = TricareMinimum.suiteExpectingWarning(text(changes.assets(request.id()), suite));
        changes.save(request.id(), suite, fixed, 1, "dana", "Now below TRICARE's minimum");

        CheckReport passing = changes.submit(request.id(), "dana");
        assertThat(passing.passes()).isTrue();
        assertThat(passing.suites().results()).hasSizeGreaterThanOrEqualTo(143);
        assertThat(changes.changeRequest(request.id()).status()).isEqualTo(ChangeRequest.Status.SUBMITTED);
        assertThat(jdbc.queryForObject("select submitted_by from change_request where id = ?", String.class, request.id()))
                .isEqualTo("dana");
        assertThatThrownBy(() -> changes.submit(request.id(), "dana")).hasMessageContaining("not open");
    }
}
