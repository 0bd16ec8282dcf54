package com.careplace.workbench.audit;

import com.careplace.decision.base.OperatorLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Copies the decision service's operator actions ({@code keys …}, {@code releases …} run from a shell)
 * into the audit trail, as the operating-system user {@code os:<name>}: operators act outside the
 * workbench, but their actions belong in the same tamper-evident trail. The cursor lives in the
 * trail's head row, so each action is copied once, whichever workbench node does it.
 */
@Component
class OperatorActionImport {

    private final OperatorLog operatorLog;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;

    OperatorActionImport(OperatorLog operatorLog, AuditTrail audit, JdbcTemplate jdbc) {
        this.operatorLog = operatorLog;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** Copies what is new; returns how many actions it copied. */
    @Scheduled(fixedDelayString = "${careplace.audit.operator-import-interval:5s}")
    @Transactional
    public int importNew() {
        // Looked at without the lock first: most runs find nothing, and must not hold up every append to say so.
        long seen = jdbc.queryForObject("select operator_cursor from audit_head where id = 1", Long.class);
        if (operatorLog.since(seen, 1).isEmpty()) {
            return 0;
        }
        // The head lock orders the copy against other nodes' imports and every append.
        long cursor = jdbc.queryForObject("select operator_cursor from audit_head where id = 1 for update", Long.class);
        int copied = 0;
        for (OperatorLog.OperatorAction action : operatorLog.since(cursor, 500)) {
            audit.record("os:" + action.osUser(), "operator." + action.command().replace(' ', '.'), action.subject(),
                    action.outcome() + " (operator command at " + action.at() + ")");
            cursor = action.id();
            copied++;
        }
        jdbc.update("update audit_head set operator_cursor = ? where id = 1", cursor);
        return copied;
    }
}
