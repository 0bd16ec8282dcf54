package com.careplace.scenario.bench;

import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequest;
import com.careplace.scenario.Scenario;
import com.careplace.scenario.ScenarioSuiteReader;
import org.kie.api.KieServices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * In-process evaluation of the 1.0.0 kjar on one thread, cycling through the givens of every
 * shipped scenario (143 varied patients). Run with {@code ./careplace bench}.
 */
@State(Scope.Thread)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
public class EvaluationBenchmark {

    private PlacementEvaluator evaluator;
    private PlacementRequest[] requests;
    private int next;

    @Setup
    public void load() {
        evaluator = new PlacementEvaluator(KieServices.get().getKieClasspathContainer());
        requests = ScenarioSuiteReader.bundled().stream()
                .flatMap(suite -> suite.scenarios().stream()).map(Scenario::given).toArray(PlacementRequest[]::new);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public PlacementDecision decisionsPerSecond() {
        return evaluator.evaluate(requests[next++ % requests.length]);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PlacementDecision latency() {
        return evaluator.evaluate(requests[next++ % requests.length]);
    }
}
