package com.careplace.workbench.release;

import java.time.Instant;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One release as the release list shows it.
 *
 * @param version            semantic version
 * @param checksum           SHA-256 of the stored kjar
 * @param builtAt            when it was built
 * @param builtBy            who approved it (or {@code system} for the bundled 1.0.0)
 * @param changeRequestId    the change request it was built from; {@code null} for 1.0.0
 * @param changeRequestTitle that change request's title
 * @param scenarioReport     the scenario summary it was built on
 * @param active             whether it decides requests now
 * @param deployedAt         when it was last deployed; {@code null} if never
 * @param deployedBy         who last deployed it
 * @param integrityProblem   why no node would load it (not signed, row or bytes changed); {@code null} when it verifies
 */
public record ReleaseEntry(String version, String checksum, Instant builtAt, String builtBy, String changeRequestId,
                           String changeRequestTitle, String scenarioReport, boolean active, Instant deployedAt, String deployedBy,
                           String integrityProblem) {

    private static final Pattern TOTALS = Pattern.compile("^\\d+ scenarios?, \\d+ failed.*$", Pattern.MULTILINE);

    /** The report's totals line ("143 scenarios, 0 failed; rules fired 40 of 41"); empty without a report. */
    public String scenarioTotals() {
        return TOTALS.matcher(scenarioReport == null ? "" : scenarioReport).results().map(MatchResult::group)
                .reduce((first, last) -> last).orElse("").strip();
    }
}
