package com.careplace.decision.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Follows the deployment history, so every node on one database switches soon after a deployment. */
@Component
@ConditionalOnBooleanProperty(name = "careplace.decision.node", matchIfMissing = true)
class DeploymentPoller {

    private static final Logger log = LoggerFactory.getLogger(DeploymentPoller.class);

    private final ReleaseService releases;

    DeploymentPoller(ReleaseService releases) {
        this.releases = releases;
    }

    @Scheduled(fixedDelayString = "${careplace.decision.deployment-poll:1s}", initialDelayString = "${careplace.decision.deployment-poll:1s}")
    void poll() {
        try {
            releases.synchronize();
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the node keeps serving its current release.
            log.warn("Could not check for a new deployment: {}", e.getMessage());
        }
    }
}
