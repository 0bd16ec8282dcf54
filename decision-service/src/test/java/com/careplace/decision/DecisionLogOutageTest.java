package com.careplace.decision;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision log through a 30-second database outage under load: a {@link TcpRelay} stands between the
 * service and the shared PostgreSQL and is cut (every connection dropped, new ones refused) while six
 * clients keep deciding, then resumed. Every decision answered 200, before, during or after the outage, must
 * end up in {@code decision_log}, once; anything not answered 200 must be a 503 problem.
 *
 * <p>Before the write-ahead spool, the writer logged the failure of each batch insert and discarded the
 * batch (counted in {@code careplace.decision.log.dropped}), so every decision answered during the outage,
 * and those queued when it began, were answered and never logged. The test checks that mechanism is gone:
 * the writer's attempts fail and are retried ({@code careplace.decision.log.retried}) while the decisions
 * wait in the spool ({@code careplace.decision.log.queued}), and no {@code dropped} meter exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "careplace.decision.bootstrap-api-key=" + DecisionLogOutageTest.KEY)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DecisionLogOutageTest {

    static final String KEY = "outage-test-key-0001";
    private static final String DATABASE = "careplace_outage_test";
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int CLIENTS = 6;
    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"(outage-[0-9]+-[0-9]+)\"");
    private static final Logger log = LoggerFactory.getLogger(DecisionLogOutageTest.class);
    private static final TcpRelay RELAY = new TcpRelay("127.0.0.1", 5432);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshPostgres(DATABASE); // created directly; the service reaches it through the relay only
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + RELAY.port() + "/" + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("careplace.data-dir", () -> Path.of("target/test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    @Test
    void everyDecisionAnsweredThroughAThirtySecondOutageIsLogged() throws Exception {
        DecisionLoad load = new DecisionLoad(port, KEY, CLIENTS, "outage");
        long cutAt;
        long resumedAt;
        try (load) {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.count(o -> o.status() == 200) >= 3_000);
            double retriedBefore = meters.counter("careplace.decision.log.retried").count();

            RELAY.cut();
            cutAt = System.nanoTime();
            // The writer notices: its attempts fail and are retried while the spool grows.
            await().atMost(OUTAGE).until(() -> meters.counter("careplace.decision.log.retried").count() > retriedBefore
                    && meters.get("careplace.decision.log.queued").gauge().value() > 0);
            // What needs the database answers 503, not 500: a key never verified, a release this node does not hold.
            ApiClient api = new ApiClient(port, KEY);
            String valid = PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
            ApiClient.Reply unknownKey = api.post("/api/v1/decisions/placement", valid, "application/json", "never-verified-key-0001");
            ApiClient.Reply unheldRelease = api.post("/api/v1/decisions/placement?release=9.9.9", valid);
            for (ApiClient.Reply reply : List.of(unknownKey, unheldRelease)) {
                assertThat(reply.status()).as(reply.body()).isEqualTo(503);
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
            // Let the outage run its 30 s under load; the wait is the scenario, nothing is timed.
            await().pollInterval(Duration.ofSeconds(1)).atMost(OUTAGE.plusSeconds(5))
                    .until(() -> System.nanoTime() - cutAt >= OUTAGE.toNanos());
            double queuedAtResume = meters.get("careplace.decision.log.queued").gauge().value();
            RELAY.resume();
            resumedAt = System.nanoTime();

            long answeredBeforeResume = load.count(o -> o.status() == 200);
            await().atMost(Duration.ofSeconds(60)).until(() -> load.count(o -> o.status() == 200) >= answeredBeforeResume + 2_000);
            log.info("Outage: {} decisions waited in the spool when the database came back", (long) queuedAtResume);
        }

        List<DecisionLoad.Outcome> answered = load.outcomes(o -> o.status() == 200);
        Set<String> answeredIds = new HashSet<>(answered.stream().map(DecisionLoad.Outcome::requestId).toList());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select count(*) from decision_log where request_json like '%\"requestId\":\"outage-%'", Long.class)
                >= answeredIds.size());
        double drainSeconds = (System.nanoTime() - resumedAt) / 1e9;

        Set<String> logged = new HashSet<>();
        jdbc.query("select request_json from decision_log", rs -> {
            Matcher m = REQUEST_ID.matcher(rs.getString(1));
            if (m.find()) {
                logged.add(m.group(1));
            }
        });
        Set<String> missing = new HashSet<>(answeredIds);
        missing.removeAll(logged);
        List<DecisionLoad.Outcome> notAnswered = load.outcomes(o -> o.status() != 200);
        List<DecisionLoad.Outcome> before = answered.stream().filter(o -> o.answerNanos() < cutAt).toList();
        List<DecisionLoad.Outcome> during = answered.stream()
                .filter(o -> o.sentNanos() >= cutAt && o.answerNanos() < resumedAt).toList();
        List<DecisionLoad.Outcome> after = answered.stream().filter(o -> o.sentNanos() >= resumedAt).toList();
        double beforeSeconds = (cutAt - answered.stream().mapToLong(DecisionLoad.Outcome::sentNanos).min().orElse(cutAt)) / 1e9;

        log.info("Outage figures: {} clients, outage {} s; {} decisions answered 200 ({} before the outage, {} during it, "
                        + "{} after), {} answered 503, {} other failures; {} s from the database's return until all were "
                        + "in decision_log", CLIENTS, OUTAGE.toSeconds(), answered.size(), before.size(), during.size(),
                after.size(), notAnswered.stream().filter(o -> o.status() == 503).count(),
                notAnswered.stream().filter(o -> o.status() != 503).count(), "%.1f".formatted(drainSeconds));
        log.info("Outage figures: before the outage {} decisions/s, p50 {} ms, p99 {} ms; during it p50 {} ms, p99 {} ms; "
                        + "after it p50 {} ms, p99 {} ms", "%.0f".formatted(before.size() / beforeSeconds),
                "%.2f".formatted(DecisionLoad.percentile(before, 0.5)), "%.2f".formatted(DecisionLoad.percentile(before, 0.99)),
                "%.2f".formatted(DecisionLoad.percentile(during, 0.5)), "%.2f".formatted(DecisionLoad.percentile(during, 0.99)),
                "%.2f".formatted(DecisionLoad.percentile(after, 0.5)), "%.2f".formatted(DecisionLoad.percentile(after, 0.99)));

        assertThat(during).as("decisions answered while the database was away").isNotEmpty();
        assertThat(missing).as("decisions answered 200 but missing from decision_log").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) - count(distinct decision_id) from decision_log", Long.class))
                .as("decisions logged twice").isZero();
        assertThat(notAnswered).allSatisfy(o -> {
            assertThat(o.status()).as(o.body()).isEqualTo(503);
            assertThat(o.contentType()).startsWith("application/problem+json");
            assertThat(o.body()).contains("\"status\":503", "\"title\":");
        });
        assertThat(meters.find("careplace.decision.log.dropped").meter()).as("a meter for dropped decisions").isNull();
    }
}
