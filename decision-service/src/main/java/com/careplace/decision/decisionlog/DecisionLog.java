package com.careplace.decision.decisionlog;

import com.careplace.decision.base.DecisionProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The decision log: the only code that reads or writes the {@code decision_log} table. It loses no decision
 * that was answered:
 * <ul>
 *   <li>{@link #record} appends the decision to a local write-ahead {@link Spool} and returns only once it is on
 *       disk (one fsync shared by concurrent requests); the caller answers only after that.</li>
 *   <li>One writer thread reads the spool back and inserts batches into the database, each decision only if its
 *       id is absent, so a batch retried after an outage, or a spool replayed after a crash, logs nothing twice.
 *       While the database is unreachable it retries with backoff (at most every {@link #MAX_BACKOFF}) and the
 *       spool grows.</li>
 *   <li>Nothing is dropped: when the spool reaches {@code careplace.decision.decision-log-spool-max-size}, a request
 *       waits up to {@code careplace.decision.decision-log-spool-full-wait} for room, then gets a
 *       {@link DecisionLogUnavailableException} (503) instead of an unlogged answer.</li>
 *   <li>A decision the database refuses for its content (SQLState class 22 or 23, e.g. a value too long) is moved
 *       to the spool's dead-letter file, counted and logged by id, so it does not hold up the others; it gets one
 *       more try at the next start.</li>
 * </ul>
 * Metrics: {@code careplace.decision.log.spooled}, {@code .written}, {@code .queued} (in the spool, not yet in the
 * database), {@code .spool.bytes}, {@code .retried}, {@code .dead.lettered}, {@code .refused}.
 */
@Service
public class DecisionLog {

    /** Longest pause between two attempts to reach the database. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final int BATCH = 500;
    private static final Duration ADOPTION_INTERVAL = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN_DRAIN = Duration.ofSeconds(10);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);
    // Insert-if-absent, portable between H2 and PostgreSQL (13 and later too, where MERGE is missing).
    private static final String INSERT = "insert into decision_log (decision_id, decided_at, caller, release_id, "
            + "release_version, request_json, decision_json, duration_micros) select ?, ?, ?, ?, ?, ?, ?, ? "
            + "where not exists (select 1 from decision_log where decision_id = ?)";

    private final JdbcTemplate jdbc;
    private final Spool spool;
    private final Counter spooled;
    private final Counter written;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter refused;
    private final Thread writer;
    private volatile boolean running = true;
    private final AtomicLong lastRefusalLog = new AtomicLong();
    /** Set while the database cannot be written: when the outage began. Writer thread only. */
    private Instant outageSince;
    private long outageRetries;

    /**
     * The service's decision log, spooling to {@code careplace.decision.decision-log-spool} (by default
     * {@code decision-log-spool} under {@code careplace.data-dir}).
     *
     * @param node false in an operator command's context: it then replays no spool files left by other runs
     */
    @Autowired
    public DecisionLog(JdbcTemplate jdbc, MeterRegistry meters, DecisionProperties properties,
                       @Value("${careplace.data-dir:./data}") Path dataDir,
                       @Value("${careplace.decision.node:true}") boolean node) {
        this(jdbc, meters, Spool.open(properties.decisionLogSpool() != null ? properties.decisionLogSpool()
                        : dataDir.resolve("decision-log-spool"), properties.decisionLogSpoolMaxSize().toBytes(),
                properties.decisionLogSpoolFullWait(), node));
    }

    DecisionLog(JdbcTemplate jdbc, MeterRegistry meters, Spool spool) {
        this.jdbc = jdbc;
        this.spool = spool;
        this.spooled = meters.counter("careplace.decision.log.spooled");
        this.written = meters.counter("careplace.decision.log.written");
        this.retried = meters.counter("careplace.decision.log.retried");
        this.deadLettered = meters.counter("careplace.decision.log.dead.lettered");
        this.refused = meters.counter("careplace.decision.log.refused");
        Gauge.builder("careplace.decision.log.queued", spool, Spool::pending).strongReference(true)
                .description("Answered decisions in the spool, not yet in the database").register(meters);
        Gauge.builder("careplace.decision.log.spool.bytes", spool, Spool::bytes).strongReference(true)
                .description("Disk taken by the decision log spool").baseUnit("bytes").register(meters);
        this.writer = Thread.ofPlatform().name("decision-log-writer").daemon().start(this::drain);
    }

    /**
     * A decision as the log holds it, with its id. Holds PHI: for screens whose role needs it, never for log files.
     *
     * @param id       the log's id for it
     * @param decision the decision
     */
    public record LoggedDecision(long id, DecisionRecord decision) {
        @Override
        public String toString() {
            return "LoggedDecision[" + id + ", " + decision + "]";
        }
    }

    /** The latest {@code limit} logged decisions (at most 100,000), newest first. */
    public List<LoggedDecision> recent(int limit) {
        return jdbc.query("select * from decision_log order by id desc fetch first " + Math.max(1, Math.min(limit, 100_000))
                + " rows only", (rs, n) -> logged(rs));
    }

    /**
     * Hands the request and decision JSON of every decision logged since {@code since} to {@code each},
     * oldest first, one row at a time (a window of months does not fit in memory). Patient data: callers
     * audit the read.
     */
    public void forEachSince(Instant since, BiConsumer<String, String> each) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select request_json, decision_json from decision_log "
                    + "where decided_at >= ? order by id");
            statement.setObject(1, since.atOffset(ZoneOffset.UTC));
            statement.setFetchSize(500);
            return statement;
        }, (org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(rs.getString(1), rs.getString(2)));
    }

    /** How many decisions the log holds from {@code from} (inclusive) to {@code to} (exclusive). */
    public long countBetween(Instant from, Instant to) {
        Long n = jdbc.queryForObject("select count(*) from decision_log where decided_at >= ? and decided_at < ?", Long.class,
                from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        return n == null ? 0 : n;
    }

    /**
     * Every decision from {@code from} (inclusive) to {@code to} (exclusive), oldest first, read in pages of 1,000 by id
     * (keyset pages: never all in memory, on PostgreSQL too, where a fetch size alone streams only in a transaction);
     * {@code each} returns false to stop.
     */
    public void forEachBetween(Instant from, Instant to, java.util.function.Predicate<LoggedDecision> each) {
        long after = 0;
        while (true) {
            List<LoggedDecision> page = jdbc.query("select * from decision_log where decided_at >= ? and decided_at < ? and id > ? "
                    + "order by id fetch first 1000 rows only", (rs, n) -> logged(rs), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), after);
            for (LoggedDecision decision : page) {
                if (!each.test(decision)) {
                    return;
                }
            }
            if (page.size() < 1000) {
                return;
            }
            after = page.getLast().id();
        }
    }

    /** The logged decision with this id, unless retention has purged it. */
    public Optional<LoggedDecision> find(long id) {
        return jdbc.query("select * from decision_log where id = ?", (rs, n) -> logged(rs), id).stream().findFirst();
    }

    /**
     * The logged decision with this decision id (the id a CDS Hooks card carries), unless retention has purged it or it is
     * still in the spool (written within seconds).
     */
    public Optional<LoggedDecision> findByDecisionId(UUID decisionId) {
        return jdbc.query("select * from decision_log where decision_id = ?", (rs, n) -> logged(rs), decisionId.toString()).stream().findFirst();
    }

    /** The logged decisions with these decision ids (those retention has not purged), by id; asked 500 at a time. */
    public Map<UUID, LoggedDecision> findByDecisionIds(java.util.Collection<UUID> decisionIds) {
        Map<UUID, LoggedDecision> found = new java.util.HashMap<>();
        List<String> ids = decisionIds.stream().map(UUID::toString).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("select * from decision_log where decision_id in (" + marks + ")", (rs, n) -> logged(rs), chunk.toArray())
                    .forEach(logged -> found.put(logged.decision().decisionId(), logged));
        }
        return found;
    }

    private static LoggedDecision logged(java.sql.ResultSet rs) throws SQLException {
        String decisionId = rs.getString("decision_id"); // none for decisions logged before ids were given
        return new LoggedDecision(rs.getLong("id"), new DecisionRecord(decisionId == null ? null : UUID.fromString(decisionId),
                rs.getTimestamp("decided_at").toInstant(), rs.getString("caller"), rs.getString("release_id"),
                rs.getString("release_version"), rs.getString("request_json"), rs.getString("decision_json"),
                rs.getLong("duration_micros")));
    }

    /**
     * Records a decision durably; answer it only after this returns.
     *
     * @throws DecisionLogUnavailableException when it cannot be recorded: the decision must not be given
     */
    public void record(DecisionRecord decision) {
        recordAll(List.of(decision));
    }

    /**
     * Records decisions durably, all or none, with one disk write and one fsync; answer them only after this returns.
     *
     * @throws DecisionLogUnavailableException when they cannot be recorded: none of them must be given
     */
    public void recordAll(List<DecisionRecord> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        try {
            spool.append(decisions);
        } catch (DecisionLogUnavailableException e) {
            refused.increment(decisions.size());
            long now = System.nanoTime();
            long last = lastRefusalLog.get();
            if ((last == 0 || now - last > REFUSAL_LOG_INTERVAL.toNanos()) && lastRefusalLog.compareAndSet(last, now)) {
                log.error("Decision log: refusing decisions (answered 503): {}; {} refused so far", e.getMessage(),
                        (long) refused.count());
            }
            throw e;
        }
        spooled.increment(decisions.size());
        LockSupport.unpark(writer);
    }

    /** Waits until everything recorded so far is in the database (or dead-lettered); false on timeout. */
    public boolean flush(Duration timeout) {
        long target = spool.appendedBytes();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.handledBytes() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    /** Deletes decisions older than {@code cutoff}; returns how many. */
    public int deleteBefore(Instant cutoff) {
        return jdbc.update("delete from decision_log where decided_at < ?", Timestamp.from(cutoff));
    }

    private void drain() {
        long backoffNanos = 0;
        long nextAdoption = System.nanoTime() + ADOPTION_INTERVAL.toNanos();
        while (true) {
            boolean done;
            try {
                if (System.nanoTime() > nextAdoption) {
                    nextAdoption = System.nanoTime() + ADOPTION_INTERVAL.toNanos();
                    adoptOrphans();
                }
                List<Spool.Entry> batch = spool.next(BATCH);
                if (batch.isEmpty()) {
                    if (!running) {
                        return;
                    }
                    spool.retireIfIdle();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // woken early by record()
                    continue;
                }
                done = write(batch);
            } catch (RuntimeException e) {
                // The writer must outlive anything unexpected: the spool keeps the decisions meanwhile.
                log.error("Decision log: writer failed ({}); retrying", e.getClass().getName());
                done = false;
            }
            if (done) {
                backoffNanos = 0;
                continue;
            }
            if (!running) {
                return; // stopping during an outage: the spool keeps the rest for the next start
            }
            retried.increment();
            backoffNanos = Math.min(MAX_BACKOFF.toNanos(), Math.max(TimeUnit.MILLISECONDS.toNanos(50), backoffNanos * 2));
            LockSupport.parkNanos(backoffNanos);
        }
    }

    private void adoptOrphans() {
        try {
            spool.adoptOrphans();
        } catch (IOException | RuntimeException e) {
            log.error("Decision log: cannot look for spool files of stopped nodes in {} ({})", spool.directory(),
                    e.getClass().getName());
        }
    }

    /** Writes the batch, or what of it the database takes, dead-lettering refused decisions; false to retry later. */
    private boolean write(List<Spool.Entry> batch) {
        try {
            insert(batch);
            recovered();
            spool.commit(batch, batch.size());
            written.increment(batch.size());
            return true;
        } catch (DataAccessException e) {
            if (!refusedForContent(e)) {
                unreachable(e);
                return false;
            }
        }
        // The database refused something in the batch: one by one, to find which and write the others.
        for (int i = 0; i < batch.size(); i++) {
            Spool.Entry entry = batch.get(i);
            try {
                insert(List.of(entry));
                written.increment();
            } catch (DataAccessException e) {
                if (!refusedForContent(e)) {
                    spool.commit(batch, i);
                    unreachable(e);
                    return false;
                }
                if (!isLogged(entry.record().decisionId()) && !deadLetter(entry, e)) {
                    spool.commit(batch, i);
                    return false;
                }
            }
        }
        recovered();
        spool.commit(batch, batch.size());
        return true;
    }

    private void insert(List<Spool.Entry> entries) {
        jdbc.batchUpdate(INSERT, entries, entries.size(), (PreparedStatement ps, Spool.Entry entry) -> {
            DecisionRecord r = entry.record();
            String id = r.decisionId().toString();
            ps.setString(1, id);
            ps.setObject(2, r.decidedAt().atOffset(ZoneOffset.UTC)); // typed, so the select's value needs no cast
            ps.setString(3, r.caller());
            ps.setString(4, r.releaseId());
            ps.setString(5, r.releaseVersion());
            ps.setString(6, r.requestJson());
            ps.setString(7, r.decisionJson());
            ps.setLong(8, r.durationMicros());
            ps.setString(9, id);
        });
    }

    /** A unique violation can mean another node wrote the same decision from a shared spool a moment ago. */
    private boolean isLogged(UUID decisionId) {
        try {
            Integer n = jdbc.queryForObject("select count(*) from decision_log where decision_id = ?", Integer.class,
                    decisionId.toString());
            return n != null && n > 0;
        } catch (DataAccessException e) {
            return false;
        }
    }

    private boolean deadLetter(Spool.Entry entry, DataAccessException cause) {
        try {
            Path file = spool.deadLetter(entry.record());
            deadLettered.increment();
            // The id and the SQLState only: the database's message quotes the refused row (PHI).
            log.error("Decision log: the database refused decision {} ({}, SQLState {}); it is kept in the dead-letter "
                            + "file {} and tried again at the next start", entry.record().decisionId(),
                    cause.getClass().getSimpleName(), sqlState(cause), file);
            return true;
        } catch (IOException e) {
            log.error("Decision log: cannot write decision {} to the dead-letter file ({}); retrying",
                    entry.record().decisionId(), e.getClass().getName());
            return false;
        }
    }

    /** The database saw the values and refused them: data exception (22) or integrity violation (23). */
    private static boolean refusedForContent(DataAccessException e) {
        String state = sqlState(e);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private void unreachable(DataAccessException e) {
        outageRetries++;
        if (outageSince == null) {
            outageSince = Instant.now();
            // The type and SQLState only: a message could quote values being written (PHI).
            log.warn("Decision log: cannot write to the database ({}, SQLState {}); decisions wait in the spool {} "
                    + "and are retried", e.getClass().getSimpleName(), sqlState(e), spool.directory());
        }
    }

    private void recovered() {
        if (outageSince != null) {
            log.info("Decision log: writing to the database again after {} s and {} retries; {} decisions in the spool",
                    Duration.between(outageSince, Instant.now()).toSeconds(), outageRetries, spool.pending());
            outageSince = null;
            outageRetries = 0;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(writer);
        writer.join(SHUTDOWN_DRAIN);
        spool.close();
    }
}
