package com.careplace.decision.release;

import com.careplace.decision.ApiClient;
import com.careplace.decision.PlacementApiContract;
import com.careplace.decision.TestDatabases;
import com.careplace.decision.TestReleases;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.careplace.placement.Payer;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.Assessment;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Publishing, deploying, hot swapping under load, refusing bad releases, stopping runaway rules. In the
 * release package: it writes the store directly, as someone with database access could.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careplace.decision.bootstrap-api-key=" + ReleaseLifecycleTest.KEY)
@DirtiesContext
public class ReleaseLifecycleTest {

    static final String KEY = "lifecycle-test-key-0001";
    static final String PATH = "/api/v1/decisions/placement";
    public static final String EXAMPLE_1 = PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    ReleaseService releases;
    @Autowired
    ReleaseStore store;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, KEY);
        if (!store.activeDeployment().orElseThrow().release().version().equals("1.0.0")) {
            releases.deploy("1.0.0", "test");
        }
    }

    private String levelOf(ApiClient.Reply reply) {
        return String.valueOf(((Map<?, ?>) reply.json().get("level")).get("code"));
    }

    private String versionOf(ApiClient.Reply reply) {
        return String.valueOf(((Map<?, ?>) reply.json().get("release")).get("version"));
    }

    @Test
    void deployingAndRollingBackChangesTheAnswer() {
        releases.publish("1.1.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"), "author");
        assertThat(levelOf(api.post(PATH, EXAMPLE_1))).isEqualTo("2.1");

        releases.deploy("1.1.0", "reviewer");
        ApiClient.Reply changed = api.post(PATH, EXAMPLE_1);
        assertThat(versionOf(changed)).isEqualTo("1.1.0");
        assertThat(levelOf(changed)).isEqualTo("2.5");
        assertThat(changed.body()).contains("D3 emotional/behavioral rated 2: minimum level 2.5");
        assertThat(levelOf(api.post(PATH + "?release=1.0.0", EXAMPLE_1))).as("pinned replay").isEqualTo("2.1");

        releases.deploy("1.0.0", "reviewer");
        assertThat(levelOf(api.post(PATH, EXAMPLE_1))).isEqualTo("2.1");
        assertThat(store.deployments()).extracting(d -> d.release().version()).endsWith("1.1.0", "1.0.0");
    }

    @Test
    void releasesAreImmutableAndVersionsSemantic() {
        assertThatThrownBy(() -> releases.publish("1.0.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.0.9"), "x"))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> releases.publish("next", new byte[0], "x")).hasMessageContaining("not a semantic version");
        assertThatThrownBy(() -> releases.deploy("4.0.0", "x")).isInstanceOf(UnknownReleaseException.class);
    }

    @Test
    void aReleaseThatFailsItsChecksIsNeverStored() {
        assertThatThrownBy(() -> releases.publish("2.0.0", "not a kjar".getBytes(StandardCharsets.UTF_8), "author"))
                .isInstanceOf(ReleaseRejectedException.class).hasMessageContaining("does not load");
        assertThatThrownBy(() -> releases.publish("2.0.1", TestReleases.loopsAlways("2.0.1"), "author"))
                .isInstanceOf(ReleaseRejectedException.class).hasMessageContaining("cannot decide");
        assertThat(store.findByVersion("2.0.0")).isEmpty();
        assertThat(store.findByVersion("2.0.1")).isEmpty();
    }

    @Test
    void aDeployedReleaseThatDoesNotLoadIsRefusedAndTheOldOneKeepsServing() {
        // As if the store held a corrupt release (written by a faulty tool, bypassing publish's checks).
        Release corrupt = new Release(UUID.randomUUID().toString(), "3.0.0", "0".repeat(64), Instant.now(), "tool");
        store.insert(corrupt, "corrupt".getBytes(StandardCharsets.UTF_8));
        store.recordDeployment(corrupt, "tool", Instant.now());
        releases.synchronize();

        ApiClient.Reply reply = api.post(PATH, EXAMPLE_1);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(versionOf(reply)).isEqualTo("1.0.0");
        ApiClient.Reply health = api.get("/actuator/health/readiness");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"active\":\"1.0.0\"", "refusedDeployment", "Release 3.0.0 does not load");
        assertThat(api.get("/actuator/prometheus").body()).contains("careplace_release_swaps_total{result=\"refused\"}");
        ApiClient.Reply pinned = api.post(PATH + "?release=3.0.0", EXAMPLE_1);
        assertThat(pinned.status()).as("a caller pinning it is told, not given a 500").isEqualTo(503);
        assertThat(pinned.json().get("detail").toString()).contains("cannot be loaded on this node");
    }

    @Test
    void aReleaseWrittenToTheDatabaseWithCodeThePolicyRefusesNeverRuns(@TempDir java.nio.file.Path temp) throws Exception {
        java.nio.file.Path file = temp.resolve("written-by-a-rule");
        byte[] kjar = TestReleases.writesFile("3.1.0", file);
        // The attack works where nothing checks: a plain Drools application loading the kjar runs it.
        KieServices ks = KieServices.get();
        KieBase plain = RuleCompilation.isolated(() -> ks.newKieContainer(
                ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(kjar)).getReleaseId()).getKieBase());
        KieSession session = plain.newKieSession();
        session.insert(new Assessment(34, SuicideRisk.NONE, 12, null, Payer.COMMERCIAL));
        session.fireAllRules();
        session.dispose();
        assertThat(file).as("the rule ran where nothing checked it").exists();
        java.nio.file.Files.delete(file);

        // Publishing refuses it and stores nothing.
        assertThatThrownBy(() -> releases.publish("3.1.0", kjar, "author"))
                .isInstanceOf(ReleaseRejectedException.class).hasMessageContaining("breaks the rule policy")
                .hasMessageContaining("`new File` is not allowed here");
        assertThat(store.findByVersion("3.1.0")).isEmpty();

        // Written straight into the database and deployed there, the node refuses it and 1.0.0 keeps serving.
        Release smuggled = new Release(UUID.randomUUID().toString(), "3.1.1", "0".repeat(64), Instant.now(), "db");
        store.insert(smuggled, kjar);
        store.recordDeployment(smuggled, "db", Instant.now());
        releases.synchronize();
        ApiClient.Reply reply = api.post(PATH, EXAMPLE_1);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(versionOf(reply)).isEqualTo("1.0.0");
        assertThat(api.post(PATH + "?release=3.1.1", EXAMPLE_1).status()).isEqualTo(503);
        assertThat(file).as("the smuggled rule never ran").doesNotExist();
        assertThat(api.get("/actuator/health/readiness").body()).contains("refusedDeployment",
                "Release 3.1.1 breaks the rule policy", "new File");
    }

    @Test
    void runawayRulesEndWithAClearErrorAndAMetric() {
        releases.publish("1.2.0", TestReleases.loopsForAge99("1.2.0"), "author");
        ApiClient.Reply fine = api.post(PATH + "?release=1.2.0", EXAMPLE_1);
        assertThat(fine.status()).isEqualTo(200);
        String age99 = PlacementApiContract.request(99, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
        ApiClient.Reply runaway = api.post(PATH + "?release=1.2.0", age99);
        assertThat(runaway.status()).isEqualTo(500);
        assertThat(runaway.contentType()).startsWith("application/problem+json");
        assertThat(runaway.json()).containsEntry("title", "Evaluation aborted").containsEntry("kind", "RUNAWAY");
        assertThat(runaway.json().get("detail").toString()).contains("Loops for age 99");
        assertThat(api.get("/actuator/prometheus").body())
                .contains("careplace_decision_failures_total{kind=\"RUNAWAY\",release=\"1.2.0\"}");
        assertThat(api.post(PATH, age99).status()).as("the active release is unaffected").isEqualTo(200);
    }

    @Test
    void hotSwapUnderLoadNeitherFailsNorMixesReleases() throws Exception {
        if (store.findByVersion("1.1.0").isEmpty()) {
            releases.publish("1.1.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"), "author");
        }
        Map<String, String> expectedLevel = Map.of("1.0.0", "2.1", "1.1.0", "2.5");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong answered = new AtomicLong();
        Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            load.add(clients.submit(() -> {
                ApiClient client = new ApiClient(port, KEY);
                while (running.get()) {
                    ApiClient.Reply reply = client.post(PATH, EXAMPLE_1);
                    if (reply.status() != 200) {
                        wrong.add("HTTP " + reply.status() + ": " + reply.body());
                    } else {
                        String version = versionOf(reply);
                        String level = levelOf(reply);
                        // The level and the fired D3 row must both come from the release the answer names.
                        boolean consistent = level.equals(expectedLevel.get(version))
                                && reply.body().contains("D3 emotional/behavioral rated 2: minimum level " + expectedLevel.get(version));
                        if (!consistent) {
                            wrong.add("release " + version + " answered level " + level);
                        }
                        byVersion.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
                    }
                    answered.incrementAndGet();
                }
            }));
        }
        int swaps = 20;
        for (int i = 0; i < swaps; i++) {
            releases.deploy(i % 2 == 0 ? "1.1.0" : "1.0.0", "swapper");
            long target = answered.get() + 100; // let some load run on each release before the next swap
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < target && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(wrong).as("failed or inconsistent answers during %d swaps", swaps).isEmpty();
        assertThat(byVersion.keySet()).containsExactlyInAnyOrder("1.0.0", "1.1.0");
        assertThat(answered.get()).isGreaterThanOrEqualTo(swaps * 100L);
    }
}
