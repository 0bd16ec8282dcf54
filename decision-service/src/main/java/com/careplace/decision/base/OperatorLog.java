package com.careplace.decision.base;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What operators did with the operator commands ({@code keys …}, {@code releases …}), with the
 * operating-system user who ran them. The decision service keeps it in its own table; the workbench
 * copies each action into its audit trail (it owns the trail and its key).
 */
@Repository
public class OperatorLog {

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    OperatorLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One operator action.
     *
     * @param id      ascending
     * @param at      when
     * @param osUser  the operating-system user who ran the command
     * @param command e.g. {@code releases deploy}
     * @param subject what it acted on (a version, a caller)
     * @param outcome what came of it ({@code done}, or why it was refused)
     */
    public record OperatorAction(long id, Instant at, String osUser, String command, String subject, String outcome) {
    }

    /** Records an action; the operating-system user is read from the process. */
    public void record(String command, String subject, String outcome) {
        jdbc.update("insert into operator_action (at, os_user, command, subject, outcome) values (?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), System.getProperty("user.name", "unknown"),
                command, subject, outcome.length() <= 1000 ? outcome : outcome.substring(0, 999) + "…");
    }

    /** Actions after {@code afterId}, oldest first, at most {@code limit}. */
    public List<OperatorAction> since(long afterId, int limit) {
        return jdbc.query("select * from operator_action where id > ? order by id fetch first " + Math.max(1, limit) + " rows only",
                (rs, i) -> new OperatorAction(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("os_user"),
                        rs.getString("command"), rs.getString("subject"), rs.getString("outcome")), afterId);
    }
}
