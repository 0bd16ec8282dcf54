package com.careplace.decision.decisionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The decision log: the only code that reads or writes the {@code decision_log} table. Records every
 * decision without slowing the request path: requests hand records to a bounded
 * queue, and one writer thread inserts them in batches. If the database falls behind for long, the
 * request waits briefly for room; only then is a record dropped and counted
 * ({@code careplace.decision.log.dropped}).
 */
@Service
public class DecisionLog {

    private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final BlockingQueue<DecisionRecord> queue = new ArrayBlockingQueue<>(50_000);
    private final Counter written;
    private final Counter dropped;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public DecisionLog(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.written = meters.counter("careplace.decision.log.written");
        this.dropped = meters.counter("careplace.decision.log.dropped");
        meters.gauge("careplace.decision.log.queued", queue, BlockingQueue::size);
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

    /** The logged decision with this id, unless retention has purged it. */
    public java.util.Optional<LoggedDecision> find(long id) {
        return jdbc.query("select * from decision_log where id = ?", (rs, n) -> logged(rs), id).stream().findFirst();
    }

    private static LoggedDecision logged(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LoggedDecision(rs.getLong("id"), new DecisionRecord(rs.getTimestamp("decided_at").toInstant(),
                rs.getString("caller"), rs.getString("release_id"), rs.getString("release_version"),
                rs.getString("request_json"), rs.getString("decision_json"), rs.getLong("duration_micros")));
    }

    /** Queues a decision for the log. */
    public void record(DecisionRecord decision) {
        recordAll(List.of(decision));
    }

    /**
     * Queues decisions for the log, waiting at most 100 ms in all for room (a batch of 1,000 must not
     * wait 100 ms per decision); what still finds no room is dropped and counted.
     */
    public void recordAll(List<DecisionRecord> decisions) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (DecisionRecord decision : decisions) {
            try {
                long wait = Math.max(0, deadline - System.nanoTime());
                if (queue.offer(decision, wait, TimeUnit.NANOSECONDS)) {
                    queued.incrementAndGet();
                } else {
                    dropped.increment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped.increment();
            }
        }
    }

    /** Waits until everything queued so far has been written (or failed); false on timeout. */
    public boolean flush(Duration timeout) {
        long target = queued.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (handled.get() < target) {
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
        List<DecisionRecord> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                DecisionRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                handled.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<DecisionRecord> batch) {
        try {
            jdbc.batchUpdate("insert into decision_log (decided_at, caller, release_id, release_version, request_json, "
                            + "decision_json, duration_micros) values (?, ?, ?, ?, ?, ?, ?)", batch, batch.size(),
                    (ps, r) -> {
                        ps.setTimestamp(1, Timestamp.from(r.decidedAt()));
                        ps.setString(2, r.caller());
                        ps.setString(3, r.releaseId());
                        ps.setString(4, r.releaseVersion());
                        ps.setString(5, r.requestJson());
                        ps.setString(6, r.decisionJson());
                        ps.setLong(7, r.durationMicros());
                    });
            written.increment(batch.size());
        } catch (RuntimeException e) {
            dropped.increment(batch.size());
            // The exception's message could quote the statement's values (PHI): log its type only.
            log.error("Could not write {} decisions to the decision log ({})", batch.size(), e.getClass().getName());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(10));
    }
}
