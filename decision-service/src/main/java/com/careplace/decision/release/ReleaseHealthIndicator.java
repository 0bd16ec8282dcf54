package com.careplace.decision.release;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code release}, part of the readiness probe. DOWN until a release is loaded. A node that
 * refused the newest deployment keeps serving the release before it and stays UP, since every node refuses
 * what the installation got wrong (a bad signature, a release that does not load) and taking them all out of
 * the load balancer would stop every decision; but it is OUT_OF_SERVICE while another node serves the
 * deployed release, since then the refusal is this node's own and callers get the deployed release elsewhere.
 * Details (for operators only): the active release, the refused deployment and why.
 */
@Component("release")
class ReleaseHealthIndicator implements HealthIndicator {

    private final ActiveRelease active;

    ReleaseHealthIndicator(ActiveRelease active) {
        this.active = active;
    }

    @Override
    public Health health() {
        Health.Builder health = active.current()
                .map(loaded -> (active.refusedWhatAnotherNodeServes() ? Health.outOfService() : Health.up())
                        .withDetail("active", loaded.release().version())
                        .withDetail("releaseId", loaded.release().id()))
                .orElseGet(() -> Health.down().withDetail("active", "none"));
        active.lastFailure().ifPresent(failure -> health.withDetail("refusedDeployment", failure));
        active.refusedRelease().ifPresent(refused -> health.withDetail("deployed", refused.version())
                .withDetail("anotherNodeServesDeployed", active.refusedWhatAnotherNodeServes()));
        return health.build();
    }
}
