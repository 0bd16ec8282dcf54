package com.careplace.workbench.bench;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.rules.BaselineAssets;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.ChangeRequestChecks;
import com.careplace.workbench.rules.CompileResult;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleCompiler;
import com.careplace.workbench.rules.RuleSandbox;
import com.careplace.workbench.rules.SandboxProperties;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.openjdk.jmh.annotations.TearDown;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The author's round trip on the 1.0.0 rules: edit a decision-table cell, compile in place, and
 * (second benchmark) also run all 143 scenarios. Run with {@code ./careplace bench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5)
@Measurement(iterations = 15)
public class CompileRoundTripBenchmark {

    private final RuleCompiler compiler = new RuleCompiler();
    private List<RuleAsset> baseline;
    private KieModule compiled;
    private int edit;

    @Setup
    public void load() {
        baseline = BaselineAssets.load();
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        files.writeKModuleXML(BaselineAssets.kmodule());
        baseline.stream().filter(RuleAsset::isRuleSource).forEach(a -> files.write("src/main/resources/" + a.path(), a.text()));
        compiled = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll().getKieModule());
    }

    /** A warm one-worker sandbox, only for the benchmark that uses it (its warm-up would slow the others). */
    @State(Scope.Benchmark)
    public static class Sandbox {
        RuleSandbox sandbox;

        @Setup
        public void start() {
            sandbox = new RuleSandbox(new SandboxProperties(1, null, null, null, null));
            sandbox.check(BaselineAssets.load());
        }

        @TearDown
        public void close() {
            sandbox.close();
        }
    }

    /** A different TRICARE minimum each time, so nothing can be served from a cache. */
    private List<RuleAsset> edited() {
        int hours = 5 + (edit++ % 4);
        return baseline.stream().map(a -> a.name().equals("payer-requirements.drl.csv")
                ? new RuleAsset(a.path(), TricareMinimum.table(a.text(), hours))
                : a).toList();
    }

    @Benchmark
    public CompileResult editAndCompile() {
        CompileResult result = compiler.compile(edited());
        result.rules().ifPresent(rules -> rules.close());
        return result;
    }

    @Benchmark
    public CheckReport editCompileAndRunAllSuites() {
        return ChangeRequestChecks.checkHere(compiler, edited());
    }

    /** What the author waits for: the same check in the sandbox's worker process, serialisation included. */
    @Benchmark
    public CheckReport editAndCheckInTheSandbox(Sandbox worker) {
        return worker.sandbox.check(edited());
    }

    /** The rule policy's first half: parse every source (tables expanded) and check it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public List<PolicyViolation> policyOnTheSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        edited().stream().filter(RuleAsset::isRuleSource).forEach(a -> sources.put(a.path(), a.text()));
        return RulePolicy.checkSourceTexts(sources);
    }

    /** The rule policy's second half: read every compiled class of the 1.0.0 rules. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    public List<PolicyViolation> policyOnTheBytecode() {
        return RulePolicy.checkCompiled(compiled);
    }
}
