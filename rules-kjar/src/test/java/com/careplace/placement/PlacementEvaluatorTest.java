package com.careplace.placement;

import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.WeeklyIopHours;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 1.0.0 rules on the classpath, through the one evaluation entry point. */
class PlacementEvaluatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PlacementEvaluator evaluator;

    @BeforeAll
    static void loadRules() {
        KieContainer container = KieServices.get().getKieClasspathContainer();
        evaluator = new PlacementEvaluator(container);
    }

    private static PlacementRequest request(String json) {
        return PlacementRequestReader.read(JSON.readValue(json, Object.class));
    }

    @Test
    void workedExample1MeetsIopCriteria() {
        PlacementDecision decision = evaluator.evaluate(request("""
                {"requestId":"abc-1","age":34,"diagnoses":["F10.20"],
                 "dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},
                 "availableHoursPerWeek":12,"payer":"COMMERCIAL"}"""));
        assertThat(decision.level()).isEqualTo(LevelOfCare.INTENSIVE_OUTPATIENT);
        assertThat(decision.drivingDimensions()).containsExactly(Dimension.D3, Dimension.D5);
        assertThat(decision.iop().status()).isEqualTo(IopStatus.ELIGIBLE);
        assertThat(decision.iop().reasons()).containsExactly(IopReason.MEETS_IOP_CRITERIA);
        assertThat(decision.iop().weeklyHours()).isEqualTo(new WeeklyIopHours(9, 19));
        assertThat(decision.payer().requirements()).containsExactly(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));
        assertThat(decision.payer().warnings()).isEmpty();
        assertThat(decision.firedRules()).contains("Diagnosis category: substance use disorder",
                "D3 emotional/behavioral rated 2: minimum level 2.1", "P1 highest dimension wins",
                "IOP status: eligible, meets IOP criteria", "Payer requirements: commercial");
    }

    @Test
    void decisionSerialisesToTheContractShape() {
        PlacementDecision decision = evaluator.evaluate(request("""
                {"age":52,"diagnoses":["f32.1"],"dimensions":{"d1":0,"d2":1,"d3":1,"d4":1,"d5":1,"d6":1},
                 "availableHoursPerWeek":10,"currentLevel":"2.5","payer":"MEDICARE"}"""));
        Map<String, Object> json = asMap(JSON.writeValueAsString(decision));
        assertThat(json).doesNotContainKey("requestId");
        assertThat(json.get("level")).isEqualTo(Map.of("code", "1", "name", "Outpatient Services"));
        assertThat(json.get("drivingDimensions")).isEqualTo(List.of("D1", "D2", "D3", "D4", "D5", "D6"));
        Map<?, ?> iop = (Map<?, ?>) json.get("iop");
        assertThat(iop.get("status")).isEqualTo("ELIGIBLE");
        assertThat(((Map<?, ?>) ((List<?>) iop.get("reasons")).getFirst()).get("code")).isEqualTo("STEP_DOWN");
        assertThat(iop.get("weeklyHours")).isEqualTo(Map.of("min", 9, "max", 19));
        assertThat(((Map<?, ?>) json.get("payer")).get("requirements")).isEqualTo(List.of(
                Map.of("code", "PHYSICIAN_CERTIFICATION"), Map.of("code", "RECERTIFICATION", "days", 60)));
    }

    @Test
    void weeklyHoursArePresentAsNullUnderTwelve() {
        PlacementDecision decision = evaluator.evaluate(request("""
                {"requestId":"child","age":10,"diagnoses":["F41.1"],"dimensions":{"d1":0,"d2":0,"d3":2,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":0,"payer":"MEDICAID"}"""));
        assertThat(decision.iop().reasons()).containsExactly(IopReason.AGE_BELOW_MINIMUM);
        Map<?, ?> iop = (Map<?, ?>) asMap(JSON.writeValueAsString(decision)).get("iop");
        assertThat(iop.containsKey("weeklyHours")).isTrue();
        assertThat(iop.get("weeklyHours")).isNull();
    }

    @Test
    void sameRequestGivesTheSameDecisionHundredsOfTimes() {
        // Hundreds of runs also pass Drools' JIT threshold (~20 evaluations), where the 10.2.0 str[] bug struck.
        PlacementRequest request = request("""
                {"age":45,"diagnoses":["F10.239","F20.9","Z63.0"],"dimensions":{"d1":3,"d2":1,"d3":3,"d4":1,"d5":2,"d6":1},
                 "suicideRisk":"ACTIVE_IDEATION_WITH_PLAN","availableHoursPerWeek":15,"payer":"MEDICAID"}""");
        PlacementDecision first = evaluator.evaluate(request);
        Set<PlacementDecision> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            seen.add(evaluator.evaluate(request));
        }
        assertThat(seen).containsExactly(first);
        assertThat(first.level()).isEqualTo(LevelOfCare.MEDICALLY_MANAGED_INPATIENT);
        assertThat(first.drivingDimensions()).containsExactly(Dimension.D3);
    }

    @Test
    void runawayRulesAreStoppedWithAClearError() {
        PlacementEvaluator looping = new PlacementEvaluator(buildWithExtraRule("""
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Loops forever"
                when
                    $a : Assessment()
                then
                    update( $a );
                end
                """).getKieBase(), new EvaluationLimits(1_000, Duration.ofSeconds(5)));
        assertThatThrownBy(() -> looping.evaluate(request("""
                {"age":30,"diagnoses":[],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":10,"payer":"SELF_PAY"}""")))
                .isInstanceOf(PlacementEvaluationException.class)
                .hasMessageContaining("aborted after 1001 rule firings")
                .extracting(e -> ((PlacementEvaluationException) e).kind())
                .isEqualTo(PlacementEvaluationException.Kind.RUNAWAY);
    }

    @Test
    void rulesThatGrowWithoutEndAreStoppedByTheMemoryBoundBeforeTheyFillTheHeap() {
        // Allowed by the rule policy (it only concatenates text), and within the firing and time bounds for a
        // while: each firing doubles a code, so some thirty firings would need gigabytes.
        PlacementEvaluator growing = new PlacementEvaluator(buildWithExtraRule("""
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Grows for ever"
                when
                    $d : Diagnosis( code.length() < 2000000000 )
                then
                    insert( new Diagnosis( $d.code() + $d.code() ) );
                end
                """).getKieBase(), EvaluationLimits.DEFAULT);
        assertThatThrownBy(() -> growing.evaluate(request("""
                {"age":30,"diagnoses":["F41.1"],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":10,"payer":"SELF_PAY"}""")))
                .isInstanceOf(PlacementEvaluationException.class)
                .hasMessageContaining("the rules allocated more than 32 MB; last rule fired: Grows for ever")
                .extracting(e -> ((PlacementEvaluationException) e).kind())
                .isEqualTo(PlacementEvaluationException.Kind.RUNAWAY);
        assertThat(growing.evaluate(request("""
                {"age":30,"diagnoses":[],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":10,"payer":"SELF_PAY"}""")).level()).as("the next request is decided").isNotNull();
    }

    @Test
    void aConditionThatThrowsIsARuleErrorNotACrash() {
        PlacementEvaluator failing = new PlacementEvaluator(buildWithExtraRule("""
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Throws while matching"
                when
                    Assessment( Integer.parseInt( "x" + age ) > 0 )
                then
                end
                """).getKieBase(), EvaluationLimits.DEFAULT);
        assertThatThrownBy(() -> failing.evaluate(request("""
                {"age":30,"diagnoses":[],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":10,"payer":"SELF_PAY"}""")))
                .isInstanceOf(PlacementEvaluationException.class)
                .extracting(e -> ((PlacementEvaluationException) e).kind())
                .isEqualTo(PlacementEvaluationException.Kind.RULE_ERROR);
    }

    @Test
    void rulesThatDecideNothingAreReportedAsIncomplete() {
        PlacementEvaluator empty = new PlacementEvaluator(buildOnly("""
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Does nothing"
                when
                    Assessment()
                then
                end
                """).getKieBase(), EvaluationLimits.DEFAULT);
        assertThatThrownBy(() -> empty.evaluate(request("""
                {"age":30,"diagnoses":[],"dimensions":{"d1":0,"d2":0,"d3":0,"d4":0,"d5":0,"d6":0},
                 "availableHoursPerWeek":10,"payer":"SELF_PAY"}""")))
                .isInstanceOf(PlacementEvaluationException.class)
                .hasMessageContaining("produced no recommended level of care")
                .hasMessageContaining("Does nothing");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static KieContainer buildWithExtraRule(String drl) {
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        for (String name : List.of("placement.drl", "iop-eligibility.drl", "diagnosis-categories.drl.csv",
                "dimension-levels.drl.csv", "payer-requirements.drl.csv")) {
            String path = "com/careplace/rules/" + name;
            files.write("src/main/resources/" + path, ks.getResources().newClassPathResource(path));
        }
        files.write("src/main/resources/com/careplace/rules/extra.drl", drl);
        return build(ks, files);
    }

    private static KieContainer buildOnly(String drl) {
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        files.write("src/main/resources/com/careplace/rules/only.drl", drl);
        return build(ks, files);
    }

    private static KieContainer build(KieServices ks, KieFileSystem files) {
        KieBuilder builder = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll());
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        return ks.newKieContainer(builder.getKieModule().getReleaseId());
    }
}
