package com.careplace.decision.release;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health component {@code release}: down until a release is loaded; reports a refused deployment. */
@Component("release")
class ReleaseHealthIndicator implements HealthIndicator {

    private final ActiveRelease active;

    ReleaseHealthIndicator(ActiveRelease active) {
        this.active = active;
    }

    @Override
    public Health health() {
        Health.Builder health = active.current()
                .map(loaded -> Health.up().withDetail("active", loaded.release().version())
                        .withDetail("releaseId", loaded.release().id()))
                .orElseGet(() -> Health.down().withDetail("active", "none"));
        active.lastFailure().ifPresent(failure -> health.withDetail("refusedDeployment", failure));
        return health.build();
    }
}
