package com.careplace.decision.bench;

import com.careplace.decision.ApiClient;
import com.careplace.decision.DecisionServiceApplication;
import com.careplace.decision.TestReleases;
import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import org.kie.api.KieServices;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load run of the decision service on loopback ({@code ./careplace loadtest}): a node on a fresh H2
 * database in this JVM, wrk as the load generator for throughput and latency, then a Java load
 * generator that checks every answer while releases are deployed back and forth. A benchmark:
 * it prints figures and asserts nothing.
 */
public final class LoadBenchmark {

    private static final String KEY = "load-benchmark-key-0001";
    private static final String PATH = "/api/v1/decisions/placement";
    private static final String EXAMPLE_1 = "{\"age\":34,\"diagnoses\":[\"F10.20\"],\"dimensions\":{\"d1\":1,\"d2\":0,\"d3\":2,"
            + "\"d4\":1,\"d5\":2,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"COMMERCIAL\"}";

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 15);
        Path data = Files.createTempDirectory("careplace-load");
        ConfigurableApplicationContext node = new SpringApplicationBuilder(DecisionServiceApplication.class).run(
                "--server.port=0", "--careplace.data-dir=" + data, "--careplace.decision.bootstrap-api-key=" + KEY,
                "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        PrintFigures out = new PrintFigures();
        try {
            out.line("Decision service load run: %d cores, JDK %s, %s per phase", Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), phase);
            double inProcess = inProcessRate(phase);
            out.line("in-process evaluation, 1 thread:        %,10.0f decisions/s", inProcess);

            // Drools, Jackson and Tomcat keep JIT-compiling for tens of seconds; measure after that.
            wrk(port, EXAMPLE_1, PATH, 16, Duration.ofSeconds(30));
            for (int connections : new int[]{4, 16, 64}) {
                WrkResult single = wrk(port, EXAMPLE_1, PATH, connections, phase);
                out.line("HTTP single, wrk 2 threads %3d conns:   %,10.0f decisions/s  p50 %s  p99 %s  non-2xx %d  (%.2f x in-process)",
                        connections, single.requestsPerSecond(), single.p50(), single.p99(), single.non2xx(),
                        single.requestsPerSecond() / inProcess);
            }
            String batch = "[" + String.join(",", Collections.nCopies(100, EXAMPLE_1)) + "]";
            WrkResult batched = wrk(port, batch, PATH + "/batch", 8, phase);
            out.line("HTTP batch of 100, wrk 2 threads 8 conns: %,8.0f decisions/s  p50 %s  p99 %s per call  non-2xx %d",
                    batched.requestsPerSecond() * 100, batched.p50(), batched.p99(), batched.non2xx());
            node.getBean(DecisionLog.class).flush(Duration.ofSeconds(60));

            swapUnderLoad(node, port, phase, out);
        } finally {
            node.close();
        }
    }

    private static double inProcessRate(Duration phase) {
        PlacementRequest request = PlacementRequestReader.read(JsonMapper.builder().build().readValue(EXAMPLE_1, Object.class));
        try (PlacementEvaluator evaluator = new PlacementEvaluator(KieServices.get().getKieClasspathContainer())) {
            long warmEnd = System.nanoTime() + phase.toNanos() / 3;
            while (System.nanoTime() < warmEnd) {
                evaluator.evaluate(request);
            }
            long count = 0;
            long start = System.nanoTime();
            long end = start + phase.toNanos();
            while (System.nanoTime() < end) {
                evaluator.evaluate(request);
                count++;
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    record WrkResult(double requestsPerSecond, String p50, String p99, long non2xx) {
    }

    private static WrkResult wrk(int port, String body, String path, int connections, Duration phase)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("careplace-wrk", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Bearer " + KEY + "\"\nwrk.body = [==[" + body + "]==]\n", StandardCharsets.UTF_8);
        String url = "http://127.0.0.1:" + port + path;
        run(List.of("wrk", "-t2", "-c" + connections, "-d3s", "-s", script.toString(), url)); // warm-up
        String output = run(List.of("wrk", "-t2", "-c" + connections, "-d" + phase.toSeconds() + "s", "--latency",
                "-s", script.toString(), url));
        double rps = 0;
        String p50 = "?";
        String p99 = "?";
        long non2xx = 0;
        for (String line : output.lines().map(String::strip).toList()) {
            if (line.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(line.substring("Requests/sec:".length()).strip());
            } else if (line.startsWith("50%")) {
                p50 = line.substring(3).strip();
            } else if (line.startsWith("99%")) {
                p99 = line.substring(3).strip();
            } else if (line.startsWith("Non-2xx or 3xx responses:")) {
                non2xx = Long.parseLong(line.substring("Non-2xx or 3xx responses:".length()).strip());
            }
        }
        return new WrkResult(rps, p50, p99, non2xx);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.getFirst() + " failed (is wrk installed? apt install wrk): " + output);
        }
        return output;
    }

    /** Every answer checked: level must match the release that answered (1.0.0 -> 2.1, 1.1.0 -> 2.5). */
    private static void swapUnderLoad(ConfigurableApplicationContext node, int port, Duration phase, PrintFigures out)
            throws InterruptedException {
        ReleaseService releases = node.getBean(ReleaseService.class);
        releases.publish("1.1.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"), "load-benchmark");
        Map<String, String> expected = Map.of("1.0.0", "2.1", "1.1.0", "2.5");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong wrong = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                ApiClient client = new ApiClient(port, KEY);
                while (running.get()) {
                    long start = System.nanoTime();
                    ApiClient.Reply reply;
                    try {
                        reply = client.post(PATH, EXAMPLE_1);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        continue;
                    }
                    latencies.add(System.nanoTime() - start);
                    if (reply.status() != 200) {
                        failed.incrementAndGet();
                        continue;
                    }
                    String version = String.valueOf(((Map<?, ?>) reply.json().get("release")).get("version"));
                    String level = String.valueOf(((Map<?, ?>) reply.json().get("level")).get("code"));
                    (level.equals(expected.get(version)) ? ok : wrong).incrementAndGet();
                }
            }));
        }
        long start = System.nanoTime();
        long end = start + phase.toNanos() * 2;
        int deployments = 0;
        while (System.nanoTime() < end) {
            releases.deploy(deployments % 2 == 0 ? "1.1.0" : "1.0.0", "load-benchmark");
            deployments++;
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
        }
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        out.line("swap under load, 16 Java clients, %d deployments (every 2 s): %,.0f decisions/s  p50 %.2f ms  p99 %.2f ms",
                deployments, (ok.get() + wrong.get()) / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
        out.line("  answers: %,d correct, %d wrong, %d failed", ok.get(), wrong.get(), failed.get());
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.round(p * sorted.size()))) / 1e6;
    }

    /** The figures are this command line tool's output, so they go to the console. */
    private static final class PrintFigures {
        void line(String format, Object... args) {
            System.out.printf(format + "%n", args);
        }
    }
}
