package com.careplace.decision;

import com.careplace.decision.release.ReleaseLifecycleTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two standalone nodes ({@code java -jar …-exec.jar}) on one PostgreSQL, and an operator publishing
 * and deploying releases with the jar's {@code releases} command: both nodes follow within seconds.
 */
class TwoNodeProcessesIT {

    private static final String DATABASE = "careplace_processes_it";
    private static final String KEY = "processes-it-key-0001";
    private static final Path WORK = Path.of("target", "it");
    private static final List<Process> NODES = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();
    private static List<String> database;

    @BeforeAll
    static void startNodes() throws IOException {
        Files.createDirectories(WORK);
        Map<String, Object> db = TestDatabases.freshPostgres(DATABASE);
        database = db.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        for (String name : List.of("node-a", "node-b")) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java(), "-jar", execJar().toString(), "--server.port=" + port,
                    "--careplace.decision.bootstrap-api-key=" + KEY, "--careplace.decision.deployment-poll=500ms"));
            command.addAll(database);
            NODES.add(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(WORK.resolve(name + ".log").toFile()).start());
            PORTS.add(port);
        }
        for (int port : PORTS) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> new ApiClient(port, KEY).get("/actuator/health/readiness").status() == 200);
        }
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (Process node : NODES) {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
        TestDatabases.dropPostgres(DATABASE);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path execJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no -exec.jar in target/: run the package phase first"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int operator(String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", execJar().toString(), "releases"));
        command.addAll(List.of(words));
        command.addAll(database);
        File log = WORK.resolve("operator.log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static String answer(int port) {
        ApiClient.Reply reply = new ApiClient(port, KEY).post("/api/v1/decisions/placement", ReleaseLifecycleTest.EXAMPLE_1);
        return ((Map<?, ?>) reply.json().get("release")).get("version") + " -> " + ((Map<?, ?>) reply.json().get("level")).get("code");
    }

    @Test
    void bothNodesFollowTheOperatorsDeployments() throws Exception {
        for (int port : PORTS) {
            assertThat(answer(port)).isEqualTo("1.0.0 -> 2.1");
        }
        Path kjar = WORK.resolve("rules-1.1.0.kjar");
        Files.write(kjar, TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"));
        assertThat(operator("publish", "1.1.0", kjar.toString())).isZero();
        assertThat(operator("deploy", "1.1.0")).isZero();
        // A bound on waiting, not a timing: building the KieBase takes a few seconds on a loaded 2-core machine.
        for (int port : PORTS) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(answer(port)).isEqualTo("1.1.0 -> 2.5"));
        }

        assertThat(operator("deploy", "1.0.0")).as("rollback").isZero();
        for (int port : PORTS) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(answer(port)).isEqualTo("1.0.0 -> 2.1"));
        }

        Path corrupt = WORK.resolve("corrupt.kjar");
        Files.writeString(corrupt, "not a kjar");
        assertThat(operator("publish", "2.0.0", corrupt.toString())).as("a broken release is refused").isEqualTo(1);
        assertThat(operator("deploy", "2.0.0")).as("and cannot be deployed").isEqualTo(1);
        assertThat(Files.readString(WORK.resolve("operator.log"))).contains("Release 2.0.0 does not load as a kjar: it is not a jar (zip) file",
                "Release '2.0.0' is not held");
    }
}
