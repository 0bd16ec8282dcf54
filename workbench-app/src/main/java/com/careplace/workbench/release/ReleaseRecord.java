package com.careplace.workbench.release;

import java.time.Instant;

/**
 * How a release came to be: the approved change request it was built from.
 *
 * @param version         the release's version
 * @param changeRequestId the change request approved into it
 * @param approvedBy      the reviewer
 * @param scenarioReport  the scenario summary of the merged mainline it was built from
 * @param at              when it was approved and built
 */
public record ReleaseRecord(String version, String changeRequestId, String approvedBy, String scenarioReport, Instant at) {
}
