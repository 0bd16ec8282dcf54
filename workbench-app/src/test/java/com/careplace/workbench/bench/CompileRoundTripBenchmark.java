package com.careplace.workbench.bench;

import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.authoring.BaselineAssets;
import com.careplace.workbench.authoring.CheckReport;
import com.careplace.workbench.authoring.ChangeRequestChecks;
import com.careplace.workbench.authoring.CompileResult;
import com.careplace.workbench.authoring.RuleAsset;
import com.careplace.workbench.authoring.RuleCompiler;
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
    private final ChangeRequestChecks checks = new ChangeRequestChecks(compiler);
    private List<RuleAsset> baseline;
    private int edit;

    @Setup
    public void load() {
        baseline = BaselineAssets.load();
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
        return checks.check(edited());
    }
}
