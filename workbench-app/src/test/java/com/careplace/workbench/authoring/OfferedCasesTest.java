package com.careplace.workbench.authoring;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.decisionlog.DecisionRecord;
import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.SignedIn;
import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.WorkbenchApplication;
import com.careplace.workbench.account.Role;
import com.careplace.workbench.audit.AuditEntry;
import com.careplace.workbench.audit.AuditQuery;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.release.DecisionTracing;
import com.careplace.workbench.review.Impact;
import com.careplace.workbench.review.ImpactAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Real cases become regression scenarios without authors reading the decision log: offered from a trace or
 * from a review's impact, de-identified once, listed for authors, their use recorded.
 */
@SpringBootTest(classes = WorkbenchApplication.class)
class OfferedCasesTest {

    /** A 95-year-old with an MRN as request id: both identify the patient under HIPAA Safe Harbor. */
    private static final String IDENTIFIED = "{\"requestId\":\"MRN-0042-7731\",\"age\":95,\"diagnoses\":[\"F41.1\"],"
            + "\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}";
    private static final String TEEN_TRICARE = "{\"requestId\":\"intake-981\",\"age\":13,\"diagnoses\":[\"F41.1\"],"
            + "\"dimensions\":{\"d1\":0,\"d2\":0,\"d3\":2,\"d4\":1,\"d5\":1,\"d6\":1},\"availableHoursPerWeek\":6,\"payer\":\"TRICARE\"}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    DecisionLog decisionLog;
    @Autowired
    DecisionTracing tracing;
    @Autowired
    OfferedCases offeredCases;
    @Autowired
    ImpactAnalysis impact;
    @Autowired
    ChangeRequestService changes;
    @Autowired
    AuditTrail audit;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private long logged(String requestJson) {
        decisionLog.record(new DecisionRecord(UUID.randomUUID(), Instant.now(), "intake-portal", "r", "1.0.0", requestJson,
                "{\"level\":{\"code\":\"2.1\"},\"iop\":{\"status\":\"ELIGIBLE\"},\"firedRules\":[]}", 1));
        assertThat(decisionLog.flush(Duration.ofSeconds(30))).isTrue();
        return decisionLog.recent(1).getFirst().id();
    }

    @Test
    void aTracedDecisionIsOfferedWithoutWhatIdentifiesThePatientAndExpectsWhatItsReleaseDecides() {
        long decision = logged(IDENTIFIED);
        // What an author would get if the log row were handed over as it is: the MRN and the exact age
        assertThat(decisionLog.find(decision).orElseThrow().decision().requestJson()).contains("MRN-0042-7731", "\"age\":95");

        SignedIn.as("riley", Role.REVIEWER);
        OfferedCase offered = tracing.offerAsScenario(decision, "Oldest old on TRICARE, 6 hours", "Seen at intake", "riley");

        assertThat(offered.given()).doesNotContainKey("requestId").containsEntry("age", 90).containsEntry("payer", "TRICARE")
                .containsEntry("availableHoursPerWeek", 6);
        assertThat(offered.expect()).containsEntry("level", "2.1");
        assertThat(offered.origin()).isEqualTo("decision trace (release 1.0.0)");
        String stored = jdbc.queryForObject("select given_json || expect_json || name || note || origin from offered_case where id = ?",
                String.class, offered.id());
        assertThat(stored).doesNotContain("MRN-0042-7731", "95", "requestId", "decision " + decision, "intake-portal", "decidedAt");
        // The audit trail (reviewers only) keeps which decision it was; authors never see it
        assertThat(audit.find(new AuditQuery("riley", "case.offer", offered.id(), null, null))).extracting(AuditEntry::detail)
                .containsExactly("decision " + decision + " offered as 'Oldest old on TRICARE, 6 hours'");

        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("Older adults", "Geriatric pathway", "dana");
        assertThat(offeredCases.offeredTo(request.id())).extracting(OfferedCase::name).contains("Oldest old on TRICARE, 6 hours");
        offeredCases.use(offered.id(), request.id(), "dana");
        assertThat(offeredCases.offeredTo(request.id())).filteredOn(c -> c.id().equals(offered.id())).singleElement()
                .satisfies(c -> assertThat(c.use()).hasValueSatisfying(u -> assertThat(u.changeRequestId()).isEqualTo(request.id())));
    }

    @Test
    void onlyThoseWhoMayReadTheLogOfferAndACaseNeedsAName() {
        long decision = logged(TEEN_TRICARE);
        SignedIn.as("dana", Role.AUTHOR);
        assertThatThrownBy(() -> tracing.offerAsScenario(decision, "Teen", "", "dana")).isInstanceOf(AuthorizationDeniedException.class);

        SignedIn.as("morgan", Role.DEPLOYER);
        assertThatThrownBy(() -> tracing.offerAsScenario(decision, "  ", "", "morgan")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name the case: authors see the name, never the patient's details");
        assertThatThrownBy(() -> tracing.offerAsScenario(decision, "x".repeat(121), "", "morgan"))
                .hasMessage("The name is 121 characters; at most 120");
        assertThatThrownBy(() -> tracing.offerAsScenario(decision + 1000, "Teen", "", "morgan"))
                .isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(tracing.offerAsScenario(decision, "Teen on TRICARE", "", "morgan").given()).containsEntry("age", 13);
    }

    @Test
    void aChangedCaseOfTheImpactIsOfferedToTheAuthorExpectingEitherSide() {
        logged(TEEN_TRICARE);
        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest request = changes.open("TRICARE minimum 7 hours", "TRICARE manual 2026", "dana");
        String table = changes.assets(request.id()).stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst().orElseThrow().text();
        changes.save(request.id(), TricareMinimum.TABLE, TricareMinimum.table(table, 7), 1, "dana", "7 hours");

        SignedIn.as("riley", Role.REVIEWER);
        Impact.ChangedCase changed = impact.analyse(request.id(), 10, "riley").changes().stream().filter(Impact.ChangedCase::offerable)
                .findFirst().orElseThrow();
        assertThat(changed.offer().toString()).doesNotContain("TRICARE", "intake-981");

        OfferedCase keepToday = impact.offer(request.id(), changed.offer(), "Teen, 6 hours", "", ImpactAnalysis.Expectation.DEPLOYED, "riley");
        OfferedCase takeChange = impact.offer(request.id(), changed.offer(), "Teen, 6 hours (new minimum)", "",
                ImpactAnalysis.Expectation.PROPOSED, "riley");
        OfferedCase authorDecides = impact.offer(request.id(), changed.offer(), "Teen, 6 hours (you decide)", "",
                ImpactAnalysis.Expectation.AUTHOR_DECIDES, "riley");
        assertThat(warnings(keepToday)).isEmpty();
        assertThat(warnings(takeChange)).containsExactly("PAYER_MINIMUM_HOURS_NOT_MET");
        assertThat(authorDecides.expect()).isEmpty();
        assertThat(keepToday.given()).doesNotContainKey("requestId");
        assertThat(keepToday.changeRequestId()).isEqualTo(request.id());
        assertThat(keepToday.origin()).isEqualTo("review of 'TRICARE minimum 7 hours'");

        SignedIn.as("dana", Role.AUTHOR);
        ChangeRequest other = changes.open("Something else", "Unrelated", "dana");
        assertThat(offeredCases.offeredTo(request.id())).extracting(OfferedCase::name).startsWith("Teen, 6 hours (you decide)");
        assertThat(offeredCases.offeredTo(other.id())).extracting(OfferedCase::name).doesNotContain("Teen, 6 hours");
        assertThatThrownBy(() -> impact.offer(request.id(), changed.offer(), "Mine", "", ImpactAnalysis.Expectation.DEPLOYED, "dana"))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void numbersARequestSchemaAddsAreLeftOutAndYesNoAnswersKept() {
        com.careplace.placement.PlacementRequest withExtras = new com.careplace.placement.PlacementRequest("MRN-1", 95, List.of("F41.1"),
                new com.careplace.placement.Dimensions(0, 0, 2, 1, 1, 1), com.careplace.placement.SuicideRisk.NONE, 6, null,
                com.careplace.placement.vocabulary.Vocabulary.baseline().payers().getFirst(), Map.of("birthYear", 1931, "pregnant", false));
        com.careplace.placement.PlacementRequest kept = OfferedCases.deIdentified(withExtras);
        assertThat(kept.additional()).containsOnlyKeys("pregnant");
        assertThat(kept.requestId()).isNull();
        assertThat(kept.age()).isEqualTo(90);
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(OfferedCase offered) {
        return (List<String>) ((Map<String, Object>) offered.expect().get("payer")).get("warnings");
    }
}
