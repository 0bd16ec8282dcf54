package com.careplace.decision.decisionlog;

import com.careplace.decision.TcpRelay;
import com.careplace.decision.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a stopped or crashed node leaves in its spool is written by the next one, each decision once, on the
 * real PostgreSQL; an unreachable database is a {@link TcpRelay} that refuses connections. Before the spool, the
 * decisions a node held in memory when it stopped, or had failed to write, were simply gone.
 */
class DecisionLogSpoolTest {

    private static final String DATABASE = "careplace_spool_test";
    private static final TcpRelay UNREACHABLE = new TcpRelay("127.0.0.1", 5432);
    private static JdbcTemplate database;
    private static JdbcTemplate unreachable;
    private final List<DecisionLog> open = new ArrayList<>();

    @BeforeAll
    static void database() {
        TestDatabases.freshPostgres(DATABASE);
        DriverManagerDataSource direct = new DriverManagerDataSource(TestDatabases.POSTGRES + DATABASE, "postgres", "");
        Flyway.configure().dataSource(direct).locations("classpath:db/migration").load().migrate();
        database = new JdbcTemplate(direct);
        UNREACHABLE.cut();
        unreachable = new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + UNREACHABLE.port() + "/"
                + DATABASE + "?connectTimeout=2", "postgres", ""));
    }

    @AfterAll
    static void drop() {
        UNREACHABLE.close();
        TestDatabases.dropPostgres(DATABASE);
    }

    private DecisionLog start(Path spool, JdbcTemplate jdbc) {
        DecisionLog log = new DecisionLog(jdbc, new SimpleMeterRegistry(), Spool.open(spool, 1 << 30, Duration.ofMillis(200)));
        open.add(log);
        return log;
    }

    private static List<DecisionRecord> decisions(String prefix, int count) {
        List<DecisionRecord> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            decisions.add(new DecisionRecord(UUID.randomUUID(), Instant.now(), "spool-test", "r", "1.0.0",
                    "{\"requestId\":\"" + prefix + "-" + i + "\"}", "{\"level\":\"2.1\"}", 7));
        }
        return decisions;
    }

    private static long logged(String prefix) {
        return database.queryForObject("select count(*) from decision_log where request_json like ?", Long.class,
                "%\"" + prefix + "-%");
    }

    private static List<Path> files(Path spool, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static Path fresh() {
        return Path.of("target/test-data", UUID.randomUUID().toString(), "decision-log-spool").toAbsolutePath();
    }

    @Test
    void whatAStoppedNodeCouldNotWriteIsWrittenByTheNextOnceEach() throws Exception {
        Path spool = fresh();
        DecisionLog first = start(spool, unreachable);
        List<DecisionRecord> decisions = decisions("left", 100);
        for (int i = 0; i < 100; i += 10) {
            first.recordAll(decisions.subList(i, i + 10));
        }
        first.stop();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");
        assertThat(files(spool, ".spool")).isNotEmpty().allSatisfy(f ->
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        // As if the first node had written these 30 and crashed before deleting its spool file.
        for (DecisionRecord r : decisions.subList(0, 30)) {
            database.update("insert into decision_log (decision_id, decided_at, caller, release_id, release_version, "
                            + "request_json, decision_json, duration_micros) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    r.decisionId().toString(), Timestamp.from(r.decidedAt()), r.caller(), r.releaseId(), r.releaseVersion(),
                    r.requestJson(), r.decisionJson(), r.durationMicros());
        }

        start(spool, database);

        await().atMost(Duration.ofSeconds(30)).until(() -> logged("left") >= 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> files(spool, ".spool").isEmpty() && files(spool, ".lock").size() == 1);
        assertThat(logged("left")).isEqualTo(100);
        assertThat(database.queryForList("select decision_id from decision_log where request_json like '%\"left-%'",
                String.class)).containsExactlyInAnyOrderElementsOf(decisions.stream().map(r -> r.decisionId().toString()).toList());
    }

    @Test
    void aFrameTornByACrashIsSetAsideAndEverythingBeforeItWritten() throws Exception {
        Path spool = fresh();
        DecisionLog first = start(spool, unreachable);
        first.recordAll(decisions("torn", 20));
        first.stop();
        Path segment = files(spool, ".spool").getFirst();
        // A crash in the middle of an append: a header announcing 500 bytes, and only 10 of them.
        ByteBuffer torn = ByteBuffer.allocate(18).putInt(500).putInt(42).put(new byte[10]).flip();
        try (var channel = java.nio.channels.FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(torn);
        }

        start(spool, database);

        await().atMost(Duration.ofSeconds(30)).until(() -> logged("torn") >= 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> files(spool, ".damaged").size() == 1);
        assertThat(logged("torn")).isEqualTo(20);
        Path damaged = files(spool, ".damaged").getFirst();
        assertThat(Files.size(damaged)).as("only what follows the last good frame").isEqualTo(18);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(damaged))).isEqualTo("rw-------");
    }

    @Test
    void aDeadLetterIsTriedAgainAtTheNextStart() throws Exception {
        Path spool = fresh();
        database.execute("alter table decision_log add constraint refuses_marked_spool check (request_json not like '%zq7dead%')");
        try {
            DecisionLog first = start(spool, database);
            first.recordAll(decisions("before", 3));
            first.recordAll(decisions("zq7dead", 1));
            first.recordAll(decisions("after", 3));
            assertThat(first.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(logged("before")).isEqualTo(3);
            assertThat(logged("after")).isEqualTo(3);
            assertThat(logged("zq7dead")).isZero();
            assertThat(files(spool, "-dead.spool")).hasSize(1);
            first.stop();
        } finally {
            database.execute("alter table decision_log drop constraint refuses_marked_spool"); // the cause is fixed
        }

        start(spool, database);

        await().atMost(Duration.ofSeconds(30)).until(() -> logged("zq7dead") == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> files(spool, ".spool").isEmpty());
    }

    @org.junit.jupiter.api.AfterEach
    void stop() throws InterruptedException {
        for (DecisionLog log : open) {
            log.stop();
        }
    }
}
