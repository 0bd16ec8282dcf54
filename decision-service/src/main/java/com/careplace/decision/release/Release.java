package com.careplace.decision.release;

import java.time.Instant;

/**
 * An immutable rule release as stored.
 *
 * @param id        stable identifier, returned to callers with every decision
 * @param version   semantic version, unique, e.g. {@code 1.0.0}
 * @param checksum  SHA-256 of the kjar bytes, hex
 * @param createdAt when it was stored
 * @param createdBy who stored it
 */
public record Release(String id, String version, String checksum, Instant createdAt, String createdBy) {

    /** The version, parsed. */
    public ReleaseVersion semanticVersion() {
        return ReleaseVersion.parse(version);
    }
}
