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
import org.springframework.jdbc.core.JdbcTemplate;
import com.careplace.decision.base.Sha256;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        properties = {"careplace.decision.bootstrap-api-key=" + ReleaseLifecycleTest.KEY,
                "careplace.decision.operations-key=" + PlacementApiContract.OPERATIONS_KEY})
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
    ReleaseSignatures signatures;
    @Autowired
    JdbcTemplate jdbc;
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

    /** The readiness probe as an operator reads it: with details (the refusal and why). */
    private ApiClient.Reply readiness() {
        return api.get("/actuator/health/readiness", PlacementApiContract.OPERATIONS_KEY);
    }

    private ApiClient.Reply metrics() {
        return api.get("/actuator/prometheus", PlacementApiContract.OPERATIONS_KEY);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
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
        // As if the store held a corrupt release (written by a faulty tool holding the key, bypassing publish's checks).
        byte[] bytes = "corrupt".getBytes(StandardCharsets.UTF_8);
        Release corrupt = new Release(UUID.randomUUID().toString(), "3.0.0", Sha256.hex(bytes), now(), "tool");
        store.insert(corrupt, bytes, signatures.sign(corrupt));
        store.recordDeployment(corrupt, "tool", now(), signatures::sign);
        releases.synchronize();

        ApiClient.Reply reply = api.post(PATH, EXAMPLE_1);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(versionOf(reply)).isEqualTo("1.0.0");
        ApiClient.Reply health = readiness();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"active\":\"1.0.0\"", "refusedDeployment", "Release 3.0.0 does not load");
        assertThat(api.get("/actuator/health/readiness").body()).as("anonymous: the status, nothing of the refusal")
                .isEqualTo("{\"status\":\"UP\"}");
        assertThat(metrics().body()).contains("careplace_release_swaps_total{result=\"refused\"}");
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

        // Written straight into the database and deployed there, even signed with the key (an insider), the
        // node refuses it and 1.0.0 keeps serving.
        Release smuggled = new Release(UUID.randomUUID().toString(), "3.1.1", Sha256.hex(kjar), now(), "db");
        store.insert(smuggled, kjar, signatures.sign(smuggled));
        store.recordDeployment(smuggled, "db", now(), signatures::sign);
        releases.synchronize();
        ApiClient.Reply reply = api.post(PATH, EXAMPLE_1);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(versionOf(reply)).isEqualTo("1.0.0");
        assertThat(api.post(PATH + "?release=3.1.1", EXAMPLE_1).status()).isEqualTo(503);
        assertThat(file).as("the smuggled rule never ran").doesNotExist();
        assertThat(readiness().body()).contains("refusedDeployment",
                "Release 3.1.1 breaks the rule policy", "new File");
    }

    /**
     * Someone with database access alone writes release and deployment rows. The last step is the control:
     * the same rows with the installation's signatures are followed at once (the answer changes), so
     * each earlier row was refused for its signature or checksum and nothing else.
     */
    @Test
    void releaseAndDeploymentRowsNotMadeByAnApprovalOrADeployerAreRefused() {
        byte[] kjar = TestReleases.d3ModerateCallsForPartialHospitalization("5.0.0");

        // An unsigned release, deployed by a signed row: the release is refused.
        Release unsigned = insertRelease("5.0.0", kjar, null);
        assertRefused(store.recordDeployment(unsigned, "db", now(), signatures::sign), "Release 5.0.0 is not signed");
        assertThat(api.post(PATH + "?release=5.0.0", EXAMPLE_1).status()).as("nor may a caller pin it").isEqualTo(503);

        // A signed release whose row was edited afterwards (who published it), or whose bytes were swapped.
        Release edited = insertRelease("5.0.1", kjar, "signed");
        jdbc.update("update release set created_by = 'approved-by-nobody' where id = ?", edited.id());
        assertRefused(store.recordDeployment(edited, "db", now(), signatures::sign), "Release 5.0.1 does not match its signature");
        Release swapped = insertRelease("5.0.2", TestReleases.d3ModerateCallsForPartialHospitalization("5.0.2"), "signed");
        jdbc.update("update release set kjar = ? where id = ?", kjar, swapped.id());
        assertRefused(store.recordDeployment(swapped, "db", now(), signatures::sign), "Release 5.0.2 does not match its SHA-256");

        // A properly signed release, deployed by an unsigned row, or by a copy of an earlier signed deployment.
        Release signed = insertRelease("5.0.3", kjar, "signed");
        Deployment forged = store.recordDeployment(signed, "db", now(), d -> null);
        assertRefused(forged, "Deployment " + forged.id() + " of release 5.0.3 is not signed by this installation's key");
        Deployment genuine = store.deployments().getFirst();
        jdbc.update("insert into deployment (release_id, deployed_at, deployed_by, signature) "
                + "select ?, deployed_at, deployed_by, signature from deployment where id = ?", signed.id(), genuine.id());
        assertRefused(store.activeDeployment().orElseThrow(), "is not signed by this installation's key");

        // Control: signed as the installation signs, the same release is followed.
        store.recordDeployment(releaseRow(signed), "deployer", now(), signatures::sign);
        releases.synchronize();
        ApiClient.Reply followed = api.post(PATH, EXAMPLE_1);
        assertThat(versionOf(followed)).isEqualTo("5.0.3");
        assertThat(levelOf(followed)).isEqualTo("2.5");

        // Deleting the newest deployment (a rollback) to bring back the older, signed one is refused too.
        Deployment rollback = releases.deploy("1.0.0", "deployer");
        assertThat(versionOf(api.post(PATH, EXAMPLE_1))).isEqualTo("1.0.0");
        jdbc.update("delete from deployment where id = ?", rollback.id());
        releases.synchronize();
        assertThat(versionOf(api.post(PATH, EXAMPLE_1))).isEqualTo("1.0.0");
        assertThat(readiness().body()).contains("The deployment history went backwards");
        assertThat(releases.integrityProblem(releaseRow(unsigned))).hasValueSatisfying(p -> assertThat(p).contains("not signed"));
        assertThat(releases.integrityProblem(releaseRow(signed))).isEmpty();
    }

    private Release insertRelease(String version, byte[] kjar, String how) {
        Release release = new Release(UUID.randomUUID().toString(), version, Sha256.hex(kjar), now(), "db");
        jdbc.update("insert into release (id, version, kjar, checksum, created_at, created_by, signature) values (?, ?, ?, ?, ?, ?, ?)",
                release.id(), version, kjar, release.checksum(), java.sql.Timestamp.from(release.createdAt()), "db",
                how == null ? null : signatures.sign(release));
        return release;
    }

    private Release releaseRow(Release release) {
        return store.findByVersion(release.version()).orElseThrow();
    }

    private void assertRefused(Deployment deployment, String why) {
        releases.synchronize();
        ApiClient.Reply reply = api.post(PATH, EXAMPLE_1);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(versionOf(reply)).as("deployment " + deployment.id() + " refused; the old release keeps serving").isEqualTo("1.0.0");
        assertThat(readiness().body()).contains("refusedDeployment", why);
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
        assertThat(metrics().body())
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
