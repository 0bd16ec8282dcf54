package com.careplace.scenario;

import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.policy.RulePolicy;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyCheck;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieContainerImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.runtime.KieContainer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Release 1.0.0 as the old code built it (enums, no vocabulary files; see kjars/README.md) still loads
 * the way the decision service loads a stored release, passes the policy, speaks the baseline vocabulary
 * and decides every bundled scenario as the spec says.
 *
 * <p>The legacy kjar has the same GAV as the one this build made (com.careplace:rules-kjar:1.0.0), and the
 * KieRepository is JVM-wide, keyed by GAV: adding the legacy kjar replaces the built one there. Containers
 * already made keep their own module, but {@code BuiltKjar} users that look the module up by GAV
 * ({@code new PlacementEvaluator(container)} reads the vocabulary that way, KjarByGavTest reads it) would
 * get the legacy one. So this class registers the legacy kjar only for its own tests and registers the built
 * artifact again afterwards, as {@link BuiltKjar#container()} does; whichever order the classes run in,
 * a test after this one sees the built kjar under that GAV.
 */
class LegacyKjarTest {

    private static final String LEGACY = "/kjars/rules-kjar-1.0.0-before-vocabulary.jar";
    /** The bundled suites' scenario count: every one of them must run against the legacy kjar. */
    private static final int SCENARIOS = 143;

    private static byte[] bytes;
    private static KieModule module;
    private static KieContainer container;

    @BeforeAll
    static void loadTheLegacyKjarAsTheDecisionServiceDoes() throws IOException {
        try (InputStream in = LegacyKjarTest.class.getResourceAsStream(LEGACY)) {
            assertThat(in).as(LEGACY).isNotNull();
            bytes = in.readAllBytes();
        }
        KieServices ks = KieServices.get();
        module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(bytes));
        container = RuleCompilation.isolated(() -> ks.newKieContainer(module.getReleaseId()));
    }

    @AfterAll
    static void giveTheGavBackToTheBuiltKjar() {
        container.dispose();
        KieServices ks = KieServices.get();
        ks.getRepository().addKieModule(ks.getResources().newFileSystemResource(BuiltKjar.artifact()));
        // The GAV names the built kjar again: the one with vocabulary files
        assertThat(((InternalKieModule) ks.getRepository().getKieModule(BuiltKjar.RELEASE)).getFileNames())
                .contains(Vocabulary.Part.PAYERS.path());
    }

    @Test
    void it_is_the_kjar_the_old_code_built() {
        assertThat(module.getReleaseId()).isEqualTo(BuiltKjar.RELEASE);
        assertThat(((KieContainerImpl) container).getMainKieModule()).isSameAs(module);
        InternalKieModule internal = (InternalKieModule) module;
        // Enum-era tables name constants, and there are no vocabulary files
        assertThat(new String(internal.getBytes("com/careplace/rules/payer-requirements.drl.csv"), StandardCharsets.UTF_8))
                .contains("payer == Payer.$param");
        assertThat(internal.getFileNames()).noneMatch(name -> name.startsWith(Vocabulary.FOLDER));
    }

    @Test
    void it_passes_the_rule_policy_and_speaks_the_baseline_vocabulary() {
        assertThat(RulePolicy.checkKjar(bytes)).isEmpty();
        assertThat(RulePolicy.checkModuleFiles(module)).isEmpty();
        assertThat(Vocabulary.fromKjar(bytes)).isSameAs(Vocabulary.baseline());
        assertThat(Vocabulary.fromModule(module)).isSameAs(Vocabulary.baseline());
        assertThat(VocabularyCheck.check(module, Vocabulary.baseline())).isEmpty();
        KieBase kieBase = RuleCompilation.isolated(container::getKieBase);
        assertThat(RulePolicy.checkCompiled(kieBase)).isEmpty();
    }

    @Test
    void every_bundled_scenario_passes_against_it() {
        ScenarioRunner runner = new ScenarioRunner(container);
        RunReport report = runner.run(ScenarioSuiteReader.bundled());

        assertThat(report.results()).hasSize(SCENARIOS);
        assertThat(report.failures()).as("scenarios failing against the legacy kjar:%n%s", report.summary()).isEmpty();
        assertThat(report.neverFired()).as("rules of the legacy kjar no scenario fired").isEmpty();
        // The evaluator took the vocabulary of the module registered under the GAV: the legacy one's, the baseline
        try (PlacementEvaluator evaluator = new PlacementEvaluator(container)) {
            assertThat(evaluator.vocabulary()).isSameAs(Vocabulary.baseline());
        }
    }
}
