package com.careplace.decision.release;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;

/**
 * What the running nodes serve, as each reported it at its last deployment poll ({@code node_status}): how a
 * node that refused a deployment learns whether the refusal is its own (another node serves the release) or
 * the installation's (none does). Times are the database's, so the nodes' clocks need not agree.
 */
@Repository
class NodeStatus {

    private static final Logger log = LoggerFactory.getLogger(NodeStatus.class);
    /** Rows of nodes that stopped reporting this long ago are deleted. */
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final String nodeId = UUID.randomUUID().toString();

    NodeStatus(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that this node serves {@code releaseId} ({@code null}: nothing yet), as of now. */
    void report(String releaseId) {
        if (jdbc.update("update node_status set release_id = ?, seen_at = current_timestamp where node_id = ?", releaseId, nodeId) == 0) {
            jdbc.update("insert into node_status (node_id, release_id, seen_at) values (?, ?, current_timestamp)", nodeId, releaseId);
        }
        jdbc.update("delete from node_status where seen_at < ?", Timestamp.from(now().toInstant().minus(FORGET_AFTER)));
    }

    /** Whether another node reported serving {@code releaseId} within {@code freshness}. */
    boolean anotherNodeServes(String releaseId, Duration freshness) {
        Timestamp since = Timestamp.from(now().toInstant().minus(freshness));
        Integer nodes = jdbc.queryForObject("select count(*) from node_status where node_id <> ? and release_id = ? and seen_at > ?",
                Integer.class, nodeId, releaseId, since);
        return nodes != null && nodes > 0;
    }

    private Timestamp now() {
        return jdbc.queryForObject("select current_timestamp", Timestamp.class);
    }

    /** A node that stops cleanly is forgotten at once, so its peers do not count on it for the freshness window. */
    @PreDestroy
    void forget() {
        try {
            jdbc.update("delete from node_status where node_id = ?", nodeId);
        } catch (DataAccessException e) {
            log.debug("Could not remove this node's status row: {}", e.getMessage());
        }
    }
}
