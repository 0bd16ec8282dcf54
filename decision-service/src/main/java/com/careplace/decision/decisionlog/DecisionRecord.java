package com.careplace.decision.decisionlog;

import java.time.Instant;

/**
 * One decision as the log keeps it. Holds PHI: it goes to the decision_log table only, never to log files.
 *
 * @param decidedAt      when
 * @param caller         which calling system asked
 * @param releaseId      which release decided
 * @param releaseVersion its version
 * @param requestJson    the request as the caller sent it
 * @param decisionJson   the decision as the caller received it
 * @param durationMicros evaluation time
 */
public record DecisionRecord(Instant decidedAt, String caller, String releaseId, String releaseVersion,
                             String requestJson, String decisionJson, long durationMicros) {

    /** Never prints the request or decision: records like this end up in exception messages. */
    @Override
    public String toString() {
        return "DecisionRecord[" + decidedAt + ", caller=" + caller + ", release=" + releaseVersion + "]";
    }
}
