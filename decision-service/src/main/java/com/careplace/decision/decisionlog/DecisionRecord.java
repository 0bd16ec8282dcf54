package com.careplace.decision.decisionlog;

import java.time.Instant;
import java.util.UUID;

/**
 * One decision as the log keeps it. Holds PHI: it goes to the decision_log table (and, until written
 * there, the decision log's local spool) only, never to log files.
 *
 * @param decisionId     given when the decision is made; the log writes each id at most once
 * @param decidedAt      when
 * @param caller         which calling system asked
 * @param releaseId      which release decided
 * @param releaseVersion its version
 * @param requestJson    the request as the caller sent it
 * @param decisionJson   the decision as the caller received it
 * @param durationMicros evaluation time
 */
public record DecisionRecord(UUID decisionId, Instant decidedAt, String caller, String releaseId, String releaseVersion,
                             String requestJson, String decisionJson, long durationMicros) {

    /** Never prints the request or decision: records like this end up in exception messages. */
    @Override
    public String toString() {
        return "DecisionRecord[" + decisionId + ", " + decidedAt + ", caller=" + caller + ", release=" + releaseVersion + "]";
    }
}
