package com.careplace.decision.release;

import java.time.Instant;

/**
 * One entry of the deployment history: from {@code deployedAt} on, {@code release} was active.
 *
 * @param id         ascending: the highest is the active deployment
 * @param release    what was deployed
 * @param deployedAt when
 * @param deployedBy who
 */
public record Deployment(long id, Release release, Instant deployedAt, String deployedBy) {
}
