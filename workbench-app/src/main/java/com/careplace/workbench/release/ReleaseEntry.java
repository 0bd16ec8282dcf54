package com.careplace.workbench.release;

import java.time.Instant;

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
 */
public record ReleaseEntry(String version, String checksum, Instant builtAt, String builtBy, String changeRequestId,
                           String changeRequestTitle, String scenarioReport, boolean active, Instant deployedAt, String deployedBy) {
}
