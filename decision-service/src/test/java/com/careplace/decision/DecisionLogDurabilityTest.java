package com.careplace.decision;

import com.careplace.decision.decisionlog.DecisionLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision log when its writer cannot keep up, and when the database refuses a decision, on PostgreSQL
 * behind a {@link TcpRelay}, over real HTTP. The spool is kept tiny (64 KiB) so that it fills in a moment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "careplace.decision.bootstrap-api-key=" + DecisionLogDurabilityTest.KEY,
        "careplace.decision.operations-key=" + PlacementApiContract.OPERATIONS_KEY,
        "careplace.decision.decision-log-spool-max-size=64KB",
        "careplace.decision.decision-log-spool-full-wait=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DecisionLogDurabilityTest {

    static final String KEY = "durability-test-key-0001";
    private static final String DATABASE = "careplace_durability_test";
    private static final String PATH = "/api/v1/decisions/placement";
    private static final Logger log = LoggerFactory.getLogger(DecisionLogDurabilityTest.class);
    private static final TcpRelay RELAY = new TcpRelay("127.0.0.1", 5432);
    private static final Path DATA = Path.of("target/test-data", UUID.randomUUID().toString()).toAbsolutePath();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DecisionLog decisionLog;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgres(DATABASE);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + RELAY.port() + "/" + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("careplace.data-dir", DATA::toString);
    }

    /**
     * The database hangs (the relay holds every byte), so the writer falls behind and the spool fills: requests
     * then wait briefly for room and are answered 503, and every decision answered 200 reaches the log once the
     * database moves again. Before the spool, the writer's queue was full after its short wait and the decision
     * was answered 200 all the same, dropped from the log and counted in {@code careplace.decision.log.dropped}.
     */
    @Test
    void aWriterThatFallsBehindRefusesWith503AndDropsNothing() throws Exception {
        ApiClient api = new ApiClient(port, KEY);
        assertThat(api.post(PATH, body("behind-warm")).status()).isEqualTo(200); // the key is now verified and cached
        assertThat(decisionLog.flush(Duration.ofSeconds(10))).isTrue();
        double refusedBefore = meters.counter("careplace.decision.log.refused").count();
        double maxSpool = 0;

        RELAY.stall();
        DecisionLoad load = new DecisionLoad(port, KEY, 4, "behind");
        long unstalledAt;
        try (load) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.count(o -> o.status() == 503) >= 20);
            maxSpool = meters.get("careplace.decision.log.spool.bytes").gauge().value();
            RELAY.unstall();
            unstalledAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> load.count(o -> o.status() == 200 && o.sentNanos() > unstalledAt) >= 200);
        } finally {
            RELAY.unstall();
        }
        assertThat(decisionLog.flush(Duration.ofSeconds(60))).isTrue();

        List<DecisionLoad.Outcome> answered = load.outcomes(o -> o.status() == 200);
        List<DecisionLoad.Outcome> refused = load.outcomes(o -> o.status() != 200);
        log.info("Writer behind: {} decisions answered 200, {} answered 503; the spool held up to {} bytes (limit 64 KiB)",
                answered.size(), refused.size(), (long) maxSpool);
        assertThat(missingFromTheLog(answered, "behind")).isEmpty();
        assertThat(refused).isNotEmpty().allSatisfy(o -> {
            assertThat(o.status()).as(o.body()).isEqualTo(503);
            assertThat(o.contentType()).startsWith("application/problem+json");
            assertThat(o.body()).contains("\"title\":\"Decision log unavailable\"", "not given");
        });
        assertThat(meters.counter("careplace.decision.log.refused").count() - refusedBefore).isEqualTo(refused.size());
        assertThat(meters.find("careplace.decision.log.dropped").meter()).isNull();
        assertThat(maxSpool).isLessThanOrEqualTo(64 * 1024);
    }

    /**
     * A decision the database refuses for its content (here a check constraint standing for, say, a value too
     * long for its column) goes to the dead-letter file, with a log line naming its id and no PHI, and the
     * decisions around it (in its batch, and after it) are written. Before, the whole batch insert failed and
     * was discarded: the good decisions sharing the batch were lost with the bad one.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aDecisionTheDatabaseRefusesIsDeadLetteredAndHoldsUpNoOther(CapturedOutput output) throws IOException {
        ApiClient api = new ApiClient(port, KEY);
        String marker = "zq7refused";
        double deadBefore = meters.counter("careplace.decision.log.dead.lettered").count();
        jdbc.execute("alter table decision_log add constraint refuses_marked check (request_json not like '%" + marker + "%')");
        try {
            List<String> good = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                good.add("poison-good-" + i);
                assertThat(api.post(PATH, body("poison-good-" + i)).status()).isEqualTo(200);
            }
            assertThat(api.post(PATH, body(marker + "-single")).status()).isEqualTo(200);
            ApiClient.Reply batch = api.post(PATH + "/batch", "[" + body("poison-good-b1") + "," + body(marker + "-batched")
                    + "," + body("poison-good-b2") + "]");
            assertThat(batch.status()).isEqualTo(200);
            good.addAll(List.of("poison-good-b1", "poison-good-b2"));
            for (int i = 5; i < 10; i++) {
                good.add("poison-good-" + i);
                assertThat(api.post(PATH, body("poison-good-" + i)).status()).isEqualTo(200);
            }
            assertThat(decisionLog.flush(Duration.ofSeconds(30))).isTrue();

            assertThat(loggedIds("poison-good-")).containsExactlyInAnyOrderElementsOf(good);
            assertThat(jdbc.queryForObject("select count(*) from decision_log where request_json like ?", Long.class,
                    "%" + marker + "%")).isZero();
            assertThat(meters.counter("careplace.decision.log.dead.lettered").count() - deadBefore).isEqualTo(2);

            Path spool = DATA.resolve("decision-log-spool");
            Path deadLetter;
            try (Stream<Path> files = Files.list(spool)) {
                deadLetter = files.filter(f -> f.getFileName().toString().endsWith("-dead.spool")).findFirst().orElseThrow();
            }
            String kept = new String(Files.readAllBytes(deadLetter), StandardCharsets.UTF_8);
            assertThat(kept).contains(marker + "-single", marker + "-batched");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(deadLetter))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
            assertThat(output.getAll()).contains("the database refused decision", "SQLState 23514").doesNotContain(marker);
            assertThat(api.get("/actuator/prometheus", PlacementApiContract.OPERATIONS_KEY).body()).contains("careplace_decision_log_dead_lettered_total 2.0",
                    "careplace_decision_log_queued ", "careplace_decision_log_spool_bytes ", "careplace_decision_log_spooled_total",
                    "careplace_decision_log_written_total", "careplace_decision_log_retried_total",
                    "careplace_decision_log_refused_total");
        } finally {
            jdbc.execute("alter table decision_log drop constraint refuses_marked");
        }
    }

    private static String body(String requestId) {
        return PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL",
                ",\"requestId\":\"" + requestId + "\"");
    }

    private Set<String> missingFromTheLog(List<DecisionLoad.Outcome> answered, String prefix) {
        Set<String> missing = new HashSet<>(answered.stream().map(DecisionLoad.Outcome::requestId).toList());
        missing.removeAll(loggedIds(prefix));
        return missing;
    }

    private List<String> loggedIds(String prefix) {
        Pattern id = Pattern.compile("\"requestId\":\"(" + Pattern.quote(prefix) + "[^\"]*)\"");
        List<String> ids = new ArrayList<>();
        jdbc.query("select request_json from decision_log where request_json like ?", rs -> {
            Matcher m = id.matcher(rs.getString(1));
            if (m.find()) {
                ids.add(m.group(1));
            }
        }, "%" + prefix + "%");
        return ids;
    }
}
