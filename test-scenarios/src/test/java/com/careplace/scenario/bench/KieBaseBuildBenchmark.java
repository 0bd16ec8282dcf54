package com.careplace.scenario.bench;

import com.careplace.placement.RuleCompilation;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time to build the 1.0.0 KieBase from its rule sources (DRL and decision tables), as the workbench
 * does for a change request and a node does when it loads a classic kjar. One build per iteration;
 * a fresh JVM per fork shows the cold first build in the first warmup iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class KieBaseBuildBenchmark {

    private static final List<String> RULE_FILES = List.of("placement.drl", "iop-eligibility.drl",
            "diagnosis-categories.drl.csv", "dimension-levels.drl.csv", "payer-requirements.drl.csv");
    private final Map<String, byte[]> sources = new LinkedHashMap<>();
    private final AtomicInteger version = new AtomicInteger();

    @Setup
    public void readSources() {
        for (String name : RULE_FILES) {
            String path = "com/careplace/rules/" + name;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
                sources.put(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public KieBase buildFromSources() {
        KieServices ks = KieServices.get();
        // A new version each time, so nothing is served from the repository's cache.
        ReleaseId id = ks.newReleaseId("com.careplace.bench", "rules", "1.0." + version.incrementAndGet());
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(id);
        sources.forEach((path, bytes) -> files.write("src/main/resources/" + path, bytes));
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            if (builder.getResults().hasMessages(Message.Level.ERROR)) {
                throw new IllegalStateException(builder.getResults().toString());
            }
            return ks.newKieContainer(id).getKieBase();
        });
    }
}
