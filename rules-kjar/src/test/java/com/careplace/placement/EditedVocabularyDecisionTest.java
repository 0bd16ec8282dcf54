package com.careplace.placement;

import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.policy.RulePolicy;
import com.careplace.placement.vocabulary.TestVocabularies;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A release whose clinicians edited the vocabulary and wrote rules in its new words: the 1.0.0 sources,
 * plus a pregnancy exclusion, a Medicare Advantage row (with a concurrent-review column) in the payer
 * table and a D5 minimum at the inserted level 2.7, decided end to end in that vocabulary.
 */
class EditedVocabularyDecisionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Vocabulary EDITED = TestVocabularies.edited();
    private static final String PAYER_TABLE = TestVocabularies.RULES + "payer-requirements.drl.csv";
    private static final String LEVELS_TABLE = TestVocabularies.RULES + "dimension-levels.drl.csv";
    private static final String PREGNANCY_RULE = "IOP exclusion: pregnancy needs obstetric care";

    /** Decision table 3 as edited: a CONCURRENT_REVIEW column, and a row for the added payer. */
    private static final String EDITED_PAYER_TABLE = """
            RuleSet,com.careplace.rules
            Import,"com.careplace.placement.*, com.careplace.placement.facts.*"
            Notes,"Decision table 3: payer requirements, applied only when the patient is eligible for IOP."
            ,,,,,,,
            RuleTable Payer requirements,,,,,,,
            NAME,CONDITION,CONDITION,ACTION,ACTION,ACTION,ACTION,ACTION
            ,IopDetermination,Assessment,,,,,
            ,status == IopStatus.$param,"payer == Payer.of(""$param"")","if (Answer.yes(""$param"")) { insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION)); }","if (Answer.yes(""$param"")) { insert(PayerRequirement.of(PayerRequirementCode.PHYSICIAN_CERTIFICATION)); }",insert(new PayerMinimumHours($param));,insert(PayerRequirement.recertificationEvery($param));,"insert(PayerRequirement.every(PayerRequirementCode.of(""CONCURRENT_REVIEW""), $param));"
            Rule,IOP status,Payer,Prior authorization,Physician certification,Payer minimum hours/week,Recertify every (days),Concurrent review every (days)
            Payer requirements: Medicare,ELIGIBLE,MEDICARE,no,yes,9,60,
            Payer requirements: Medicaid,ELIGIBLE,MEDICAID,yes,no,9,,
            Payer requirements: commercial,ELIGIBLE,COMMERCIAL,yes,no,,,
            Payer requirements: TRICARE,ELIGIBLE,TRICARE,yes,no,6,,
            Payer requirements: self-pay,ELIGIBLE,SELF_PAY,no,no,,,
            Payer requirements: Medicare Advantage,ELIGIBLE,MEDICARE_ADVANTAGE,yes,yes,9,30,14
            """;

    private static final String PREGNANCY_DRL = """
            package com.careplace.rules
            import com.careplace.placement.*;
            import com.careplace.placement.facts.*;

            rule "%s"
                salience -50
            when
                $a : Assessment( yes("pregnant") )
            then
                insert( new IopExclusion( IopReason.of("PREGNANCY_NEEDS_OBSTETRIC_CARE") ) );
            end
            """.formatted(PREGNANCY_RULE);

    private static Map<String, String> sources;
    private static ReleaseId releaseId;
    private static KieBase kieBase;
    private static PlacementEvaluator evaluator;

    @BeforeAll
    static void buildTheRelease() {
        sources = TestVocabularies.bundledRuleSources();
        sources.put(PAYER_TABLE, EDITED_PAYER_TABLE);
        sources.put(LEVELS_TABLE, TestVocabularies.replaceOnce(sources.get(LEVELS_TABLE),
                "D5 relapse potential rated 3: minimum level 2.5,D5,3,2.5", "D5 relapse potential rated 3: minimum level 2.7,D5,3,2.7"));
        sources.put(TestVocabularies.RULES + "pregnancy.drl", PREGNANCY_DRL);

        KieServices ks = KieServices.get();
        // Its own GAV, so that the module this build registers in the KieRepository displaces no other test's
        releaseId = ks.newReleaseId("com.careplace.test", "edited-vocabulary", "1.0.0");
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        files.write("src/main/resources/META-INF/kmodule.xml", TestVocabularies.resource("META-INF/kmodule.xml"));
        sources.forEach((path, text) -> files.write("src/main/resources/" + path, text));
        EDITED.files().forEach((path, text) -> files.write("src/main/resources/" + path, text));
        KieBuilder builder = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll());
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as("compiles").isEmpty();
        kieBase = RuleCompilation.isolated(() -> ks.newKieContainer(releaseId).getKieBase());
        evaluator = new PlacementEvaluator(kieBase, EvaluationLimits.DEFAULT, EDITED);
    }

    @AfterAll
    static void close() {
        evaluator.close();
        KieServices.get().getRepository().removeKieModule(releaseId);
    }

    private static PlacementDecision decide(String json) {
        return evaluator.evaluate(PlacementRequestReader.read(JSON.readValue(json, Object.class), EDITED));
    }

    /** Age 30, a depressive disorder, ratings 1/0/2/1/1/1: level 2.1 on D3 alone, as 1.0.0 decides it. */
    private static String request(int hours, String payer, String extra) {
        return """
                {"age":30,"diagnoses":["F32.1"],"dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":1,"d6":1},
                 "availableHoursPerWeek":%d,"payer":"%s"%s}""".formatted(hours, payer, extra);
    }

    @Test
    void the_release_passes_the_policy_and_its_vocabulary_check_but_not_against_the_baseline() {
        assertThat(RulePolicy.checkSourceTexts(sources)).isEmpty();
        assertThat(VocabularyCheck.check(sources, EDITED)).isEmpty();
        assertThat(VocabularyCheck.check(sources, Vocabulary.baseline())).extracting(v -> v.code()).containsExactlyInAnyOrder(
                "pregnant", "PREGNANCY_NEEDS_OBSTETRIC_CARE", "MEDICARE_ADVANTAGE", "CONCURRENT_REVIEW", "2.7");
    }

    @Test
    void a_pregnant_patient_is_excluded_from_iop_with_the_reason_and_message_of_the_vocabulary() {
        PlacementDecision decision = decide(request(12, "MEDICARE_ADVANTAGE", ",\"pregnant\":true"));

        assertThat(decision.level()).isEqualTo(LevelOfCare.INTENSIVE_OUTPATIENT);
        assertThat(decision.iop().status()).isEqualTo(IopStatus.NOT_ELIGIBLE);
        assertThat(decision.iop().reasons()).containsExactly(new IopReason("PREGNANCY_NEEDS_OBSTETRIC_CARE", null));
        // The decision carries the vocabulary's message itself, readable after the evaluation's scope has ended
        assertThat(decision.iop().reasons().getFirst().message()).isEqualTo(TestVocabularies.PREGNANCY_MESSAGE);
        assertThat(decision.payer().requirements()).as("the payer table applies only when eligible").isEmpty();
        assertThat(decision.firedRules()).contains(PREGNANCY_RULE, "IOP status: not eligible");

        Map<?, ?> iop = (Map<?, ?>) JSON.readValue(JSON.writeValueAsString(decision), Map.class).get("iop");
        assertThat(iop.get("reasons")).isEqualTo(List.of(Map.of("code", "PREGNANCY_NEEDS_OBSTETRIC_CARE",
                "message", TestVocabularies.PREGNANCY_MESSAGE)));
    }

    @Test
    void an_added_exclusion_is_listed_in_the_vocabulary_order_among_the_1_0_0_ones() {
        // 5 h/week is below the adult minimum of 9: INSUFFICIENT_AVAILABILITY, which the vocabulary lists after the pregnancy reason
        PlacementDecision decision = decide(request(5, "MEDICAID", ",\"pregnant\":true"));
        assertThat(decision.iop().reasons()).extracting(IopReason::code)
                .containsExactly("PREGNANCY_NEEDS_OBSTETRIC_CARE", "INSUFFICIENT_AVAILABILITY");
        assertThat(decision.iop().reasons()).extracting(IopReason::message).doesNotContainNull()
                .contains(TestVocabularies.PREGNANCY_MESSAGE);
    }

    @Test
    void a_patient_not_pregnant_or_not_saying_is_eligible_as_in_1_0_0() {
        for (String extra : List.of(",\"pregnant\":false", "")) {
            PlacementDecision decision = decide(request(12, "MEDICARE", extra));
            assertThat(decision.iop().status()).as(extra).isEqualTo(IopStatus.ELIGIBLE);
            assertThat(decision.iop().reasons()).as(extra).containsExactly(IopReason.MEETS_IOP_CRITERIA);
            assertThat(decision.payer().requirements()).as(extra).containsExactly(
                    PayerRequirement.of(PayerRequirementCode.PHYSICIAN_CERTIFICATION), PayerRequirement.recertificationEvery(60));
            assertThat(decision.firedRules()).as(extra).doesNotContain(PREGNANCY_RULE);
        }
    }

    @Test
    void an_added_payer_gets_the_requirements_of_its_table_row_in_the_vocabulary_order() {
        PlacementDecision decision = decide(request(12, "MEDICARE_ADVANTAGE", ""));

        assertThat(decision.iop().status()).isEqualTo(IopStatus.ELIGIBLE);
        assertThat(decision.payer().requirements()).containsExactly(
                PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION),
                PayerRequirement.of(PayerRequirementCode.PHYSICIAN_CERTIFICATION),
                PayerRequirement.recertificationEvery(30),
                PayerRequirement.every(new PayerRequirementCode("CONCURRENT_REVIEW", null), 14));
        // Named by the vocabulary, outside the evaluation too: CONCURRENT_REVIEW is no baseline entry
        assertThat(decision.payer().requirements()).extracting(r -> r.code().title())
                .containsExactly("Prior authorization", "Physician certification", "Recertification", "Concurrent review");
        assertThat(decision.payer().warnings()).isEmpty();
        assertThat(decision.firedRules()).contains("Payer requirements: Medicare Advantage");
        assertThat(JSON.readValue(JSON.writeValueAsString(decision.payer()), Map.class).get("requirements")).isEqualTo(List.of(
                Map.of("code", "PRIOR_AUTHORIZATION"), Map.of("code", "PHYSICIAN_CERTIFICATION"),
                Map.of("code", "RECERTIFICATION", "days", 30), Map.of("code", "CONCURRENT_REVIEW", "days", 14)));

        // Past Drools' JIT threshold (about 20 evaluations) the constraint Payer.of("MEDICARE_ADVANTAGE") still
        // resolves in the release's vocabulary
        Set<PlacementDecision> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            seen.add(decide(request(12, "MEDICARE_ADVANTAGE", "")));
        }
        assertThat(seen).containsExactly(decision);
    }

    @Test
    void an_inserted_level_ranks_where_the_vocabulary_puts_it_when_the_rules_compare_levels() {
        // D3 rated 3 calls for 2.5, D5 rated 3 now for 2.7: P1 takes the higher, which exists only in this vocabulary
        PlacementDecision decision = decide("""
                {"age":30,"diagnoses":["F32.1"],"dimensions":{"d1":1,"d2":0,"d3":3,"d4":1,"d5":3,"d6":1},
                 "availableHoursPerWeek":12,"payer":"COMMERCIAL"}""");

        assertThat(decision.level().code()).isEqualTo("2.7");
        assertThat(decision.level().title()).isEqualTo("Medically Managed Intensive Outpatient");
        assertThat(decision.drivingDimensions()).containsExactly(Dimension.D5);
        assertThat(decision.iop().reasons()).containsExactly(IopReason.HIGHER_LEVEL_REQUIRED);
        assertThat(decision.firedRules()).contains("D5 relapse potential rated 3: minimum level 2.7", "P1 highest dimension wins");
    }

    @Test
    void the_same_rules_cannot_run_in_the_baseline_vocabulary() {
        // Why evaluators take the release's vocabulary: in 1.0.0's words the payer table's new row cannot even be matched
        try (PlacementEvaluator baseline = new PlacementEvaluator(kieBase, EvaluationLimits.DEFAULT)) {
            PlacementRequest request = PlacementRequestReader.read(JSON.readValue(request(12, "MEDICARE", ""), Object.class));
            assertThatThrownBy(() -> baseline.evaluate(request)).isInstanceOf(PlacementEvaluationException.class)
                    .hasMessageContaining("'MEDICARE_ADVANTAGE' is not a payer")
                    .extracting(e -> ((PlacementEvaluationException) e).kind())
                    .isEqualTo(PlacementEvaluationException.Kind.RULE_ERROR);
        }
    }
}
