package com.careplace.workbench.rules;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.WorkbenchApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change requests' rules run in worker processes with a time and a memory bound. Two rule sets pass
 * the rule policy (they only concatenate and search text) and still never finish: one searches ever
 * longer text (plain Java that does not return for minutes), one doubles a text until memory runs
 * out. Each is shown to hang or kill a JVM that runs it in-process, and to end only its own check in
 * the sandbox while the decision API goes on answering.
 */
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"careplace.decision.bootstrap-api-key=" + RuleSandboxTest.KEY, "careplace.sandbox.workers=1",
                "careplace.sandbox.timeout=6s", "careplace.sandbox.heap=256m"})
@DirtiesContext
public class RuleSandboxTest {

    static final String KEY = "sandbox-test-key-0001";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleSandboxTest.class);
    private static final String EXAMPLE = """
            {"age":34,"diagnoses":["F10.20"],"dimensions":{"d1":1,"d2":0,"d3":2,"d4":1,"d5":2,"d6":1},
             "availableHoursPerWeek":12,"payer":"COMMERCIAL"}""";

    /**
     * Doubles each diagnosis code to 5 million characters, then a consequence looks for a long code inside a
     * longer one: plain Java, allowed by the policy, that runs for minutes (the search compares each
     * position of a periodic text with a periodic pattern that fails only at its last character).
     */
    public static final String ENDLESS_SEARCH = """
            package com.careplace.rules
            import com.careplace.placement.facts.*;

            rule "Grow the code"
            when
                $d : Diagnosis( code.length() < 3000000 )
            then
                insert( new Diagnosis( $d.code() + $d.code() ) );
            end

            rule "Find a code inside another"
            when
                Diagnosis( $long : code, code.length() >= 3000000 )
                Diagnosis( $half : code, code.length() >= 1000000, code.length() < 3000000 )
            then
                if ( $long.contains( $half + "x" ) ) {
                    insert( new Diagnosis( "found" ) );
                }
            end
            """;

    /**
     * Doubles each diagnosis code to 5 million characters (the evaluator's own memory bound, checked after
     * each firing, allows that), then one consequence joins a hundred copies: half a gigabyte in one step.
     */
    static final String FILLS_MEMORY = """
            package com.careplace.rules
            import com.careplace.placement.facts.*;

            rule "Grow the code"
            when
                $d : Diagnosis( code.length() < 4000000 )
            then
                insert( new Diagnosis( $d.code() + $d.code() ) );
            end

            rule "A hundred copies"
            when
                $d : Diagnosis( code.length() >= 4000000 )
            then
                insert( new Diagnosis( %s ) );
            end
            """.formatted(String.join(" + ", Collections.nCopies(100, "$d.code()")));

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @Autowired
    RuleSandbox sandbox;
    @LocalServerPort
    int port;
    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newHttpClient();

    static List<RuleAsset> baselineWith(String drl) {
        List<RuleAsset> assets = new ArrayList<>(BaselineAssets.load());
        assets.add(new RuleAsset("com/careplace/rules/runaway.drl", drl));
        return assets;
    }

    @Test
    void aCheckInTheSandboxAnswersAsTheSameCheckInProcess() {
        CheckReport inWorker = sandbox.check(BaselineAssets.load());
        CheckReport here = ChangeRequestChecks.checkHere(new RuleCompiler(), BaselineAssets.load());
        assertThat(inWorker.passes()).isTrue();
        assertThat(inWorker.suites().results()).hasSize(143);
        assertThat(inWorker.suites().results()).extracting(r -> r.scenario() + " " + r.decision())
                .isEqualTo(here.suites().results().stream().map(r -> r.scenario() + " " + r.decision()).toList());
        assertThat(inWorker.suites().firedRules()).isEqualTo(here.suites().firedRules());
        // Refusals come back located, like compile problems.
        CheckReport refused = sandbox.check(baselineWith("""
                package com.careplace.rules
                import com.careplace.placement.facts.*;
                rule "Reads the environment"
                when
                    Assessment()
                then
                    insert( new Diagnosis( System.getenv( "SPRING_DATASOURCE_PASSWORD" ) ) );
                end
                """));
        assertThat(refused.compileProblems()).singleElement().satisfies(p -> {
            assertThat(p.where()).isEqualTo("runaway.drl:7");
            assertThat(p.message()).contains("`System.getenv` is not allowed here");
        });
    }

    @Test
    void plainJavaThatDoesNotReturnEndsItsCheckOnlyAndDecisionsGoOn() throws Exception {
        List<RuleAsset> endless = baselineWith(ENDLESS_SEARCH);
        CompileResult compiled = new RuleCompiler().compile(endless);
        compiled.rules().ifPresent(CompiledRules::close);
        assertThat(compiled.problems()).as("the rule policy lets it through: it only concatenates and searches text").isEmpty();
        assertThat(stillRunningInAJvmOfItsOwnAfterSeconds(endless, 15))
                .as("in-process, the check has not returned after 15 s").isTrue();

        assertThat(sandbox.check(BaselineAssets.load()).passes()).as("a warm worker").isTrue();
        List<Long> before = decisionsFor(2_000, new AtomicBoolean(false));
        AtomicBoolean checking = new AtomicBoolean(true);
        List<Long> during = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.ofPlatform().start(() -> during.addAll(decisionsFor(60_000, checking)));
        long start = System.nanoTime();
        CheckReport report = sandbox.check(endless);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        checking.set(false);
        caller.join();

        assertThat(report.passes()).isFalse();
        assertThat(report.stopped()).contains("the rules did not finish within 6 s");
        assertThat(report.reasons()).first().asString().contains("did not finish within 6 s");
        assertThat(during).as("decisions answered while the check ran").isNotEmpty();
        LOG.info(String.format("Runaway check stopped after %d ms (bound 6 s). Decision API on loopback, one caller:"
                        + " before %d decisions, p50 %.1f ms, p99 %.1f ms; during %d decisions, p50 %.1f ms, p99 %.1f ms",
                tookMs, before.size(), percentile(before, 50), percentile(before, 99),
                during.size(), percentile(during, 50), percentile(during, 99)));
        CheckReport next = sandbox.check(BaselineAssets.load());
        assertThat(next.passes()).as("the next check gets a fresh worker: %s", next.reasons()).isTrue();
    }

    @Test
    void aRuleThatFillsMemoryEndsItsCheckOnly() throws Exception {
        List<RuleAsset> filling = baselineWith(FILLS_MEMORY);
        assertThat(exitOfAJvmOfItsOwn(filling, "256m")).as("in-process, the JVM runs out of memory")
                .contains("OutOfMemoryError");

        CheckReport report = sandbox.check(filling);
        assertThat(report.passes()).isFalse();
        assertThat(report.stopped()).contains("used more memory than a check may (256m)");
        assertThat(http.send(decision(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        CheckReport next = sandbox.check(BaselineAssets.load());
        assertThat(next.passes()).as("the next check gets a fresh worker: %s", next.reasons()).isTrue();
    }

    private HttpRequest decision() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/decisions/placement"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EXAMPLE)).build();
    }

    /** Calls the decision API one request after another, for at most {@code millis} or while {@code going}; latencies in µs. */
    private List<Long> decisionsFor(long millis, AtomicBoolean going) {
        List<Long> latencies = new ArrayList<>();
        long end = System.currentTimeMillis() + millis;
        boolean bounded = !going.get();
        while (System.currentTimeMillis() < end && (bounded || going.get())) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(decision(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
            latencies.add((System.nanoTime() - start) / 1_000);
        }
        return latencies;
    }

    private static double percentile(List<Long> micros, int percent) {
        List<Long> sorted = micros.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100)) / 1000.0;
    }

    /** Runs the check in-process in a JVM of its own (as the workbench did before the sandbox). */
    private boolean stillRunningInAJvmOfItsOwnAfterSeconds(List<RuleAsset> assets, int seconds) throws Exception {
        Process child = inProcessCheck(assets, "512m").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return !child.waitFor(seconds, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private String exitOfAJvmOfItsOwn(List<RuleAsset> assets, String heap) throws Exception {
        Path output = temp.resolve("child.log");
        Process child = inProcessCheck(assets, heap).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
        return "exit " + child.exitValue() + ": " + Files.readString(output);
    }

    private ProcessBuilder inProcessCheck(List<RuleAsset> assets, String heap) throws IOException {
        Path file = temp.resolve("assets.ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(file))) {
            out.writeObject(new ArrayList<>(assets));
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                InProcessCheck.class.getName(), file.toString());
    }

    /** A check run the old way, inside the JVM that asked for it. */
    static final class InProcessCheck {
        @SuppressWarnings("unchecked")
        public static void main(String[] args) throws Exception {
            List<RuleAsset> assets;
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(Path.of(args[0])))) {
                assets = (List<RuleAsset>) in.readObject();
            }
            System.exit(ChangeRequestChecks.checkHere(new RuleCompiler(), assets).passes() ? 0 : 1);
        }
    }
}
