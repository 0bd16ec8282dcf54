package com.careplace.workbench.rules;

import com.careplace.scenario.RunReport;
import com.careplace.scenario.ScenarioFormatException;
import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.placement.vocabulary.InvalidVocabularyException;
import com.careplace.placement.vocabulary.Vocabulary;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a set of assets and runs its scenario suites against the result, in the
 * {@link RuleSandbox}: a change request's rules never run in the workbench's own JVM.
 */
@Service
public class ChangeRequestChecks {

    private final RuleSandbox sandbox;

    public ChangeRequestChecks(RuleSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Compiles and runs the suites in the sandbox, then verifies the decision tables here: verification reads
     * the cells as data and runs none of the author's code.
     */
    public CheckReport check(List<RuleAsset> assets) {
        CheckReport report = sandbox.check(assets);
        return report.withTableFindings(verifyTables(assets));
    }

    /** What table verification finds in the assets' decision tables; nothing while the vocabulary does not read. */
    public static List<TableVerification.Finding> verifyTables(List<RuleAsset> assets) {
        try {
            return TableVerification.verify(assets, RuleAsset.vocabulary(assets));
        } catch (InvalidVocabularyException e) {
            return List.of();
        }
    }

    /** Warms a checker in the background, so that the Check an author is about to run answers at once. */
    public void prepare() {
        sandbox.prepare();
    }

    /**
     * The check itself, in the calling JVM: what a sandbox worker and {@code ./careplace check} run.
     * Compiling applies the rule policy first, so refused code never runs here either.
     */
    public static CheckReport checkHere(RuleCompiler compiler, List<RuleAsset> assets) {
        List<ScenarioSuite> suites = new ArrayList<>();
        List<String> suiteProblems = new ArrayList<>();
        // Scenarios speak the change request's vocabulary; when it does not read, compiling says why.
        Vocabulary vocabulary;
        try {
            vocabulary = RuleAsset.vocabulary(assets);
        } catch (InvalidVocabularyException e) {
            vocabulary = Vocabulary.baseline();
        }
        for (RuleAsset asset : assets) {
            if (asset.kind() == RuleAsset.Kind.SCENARIO_SUITE) {
                try {
                    suites.add(ScenarioSuiteReader.read(asset.name(), asset.text(), vocabulary));
                } catch (ScenarioFormatException e) {
                    suiteProblems.add(e.getMessage());
                }
            }
        }
        CompileResult compiled = compiler.compile(assets);
        if (compiled.rules().isEmpty()) {
            return new CheckReport(compiled.problems(), suiteProblems, null, compiled.took(), Duration.ZERO);
        }
        long start = System.nanoTime();
        try (CompiledRules rules = compiled.rules().get()) {
            RunReport report = rules.runSuites(suites);
            return new CheckReport(List.of(), suiteProblems, report, compiled.took(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
