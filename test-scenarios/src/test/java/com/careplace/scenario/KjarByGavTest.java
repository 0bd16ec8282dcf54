package com.careplace.scenario;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequestReader;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The kjar is a genuine KIE module: a plain Drools application opens it by GAV and fires its rules. */
class KjarByGavTest {

    @Test
    void theArtifactIsAKjarWithKmoduleAndRuleSources() throws Exception {
        var artifact = BuiltKjar.artifact();
        if (artifact.isFile()) {
            try (JarFile jar = new JarFile(artifact)) {
                assertThat(jar.getEntry("META-INF/kmodule.xml")).isNotNull();
                assertThat(jar.getEntry("META-INF/maven/com.careplace/rules-kjar/pom.properties")).isNotNull();
                for (String rules : List.of("placement.drl", "iop-eligibility.drl", "diagnosis-categories.drl.csv",
                        "dimension-levels.drl.csv", "payer-requirements.drl.csv")) {
                    assertThat(jar.getEntry("com/careplace/rules/" + rules)).as(rules).isNotNull();
                }
            }
        }
    }

    @Test
    void loadsByReleaseIdAndDecides() {
        KieContainer container = BuiltKjar.container();
        KieModule module = KieServices.get().getRepository().getKieModule(BuiltKjar.RELEASE);
        assertThat(module.getReleaseId().toExternalForm()).isEqualTo("com.careplace:rules-kjar:1.0.0");
        assertThat(container.getKieBaseNames()).containsExactly("placement");
        assertThat(container.getKieSessionNamesInKieBase("placement")).containsExactly("placement-session");
        assertThat(container.verify().hasMessages(org.kie.api.builder.Message.Level.ERROR)).isFalse();

        PlacementDecision decision = new PlacementEvaluator(container).evaluate(PlacementRequestReader.read(Map.of(
                "age", 34, "diagnoses", List.of("F10.20"),
                "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1),
                "availableHoursPerWeek", 12, "payer", "COMMERCIAL")));
        assertThat(decision.level()).isEqualTo(LevelOfCare.INTENSIVE_OUTPATIENT);
    }

    @Test
    void theNamedSessionFiresRulesWithoutOurEvaluator() {
        KieSession session = BuiltKjar.container().newKieSession("placement-session");
        try {
            session.insert(new com.careplace.placement.facts.Diagnosis("F10.20"));
            int fired = session.fireAllRules();
            assertThat(fired).isGreaterThan(0);
        } finally {
            session.dispose();
        }
    }
}
