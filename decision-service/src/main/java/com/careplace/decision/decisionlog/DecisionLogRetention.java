package com.careplace.decision.decisionlog;

import com.careplace.decision.base.DecisionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Deletes decisions older than {@code careplace.decision.decision-log-retention} (default 365 days), hourly. */
@Component
@ConditionalOnBooleanProperty(name = "careplace.decision.node", matchIfMissing = true)
class DecisionLogRetention {

    private static final Logger log = LoggerFactory.getLogger(DecisionLogRetention.class);

    private final DecisionLog decisions;
    private final DecisionProperties properties;

    DecisionLogRetention(DecisionLog decisions, DecisionProperties properties) {
        this.decisions = decisions;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void expire() {
        int deleted = decisions.deleteBefore(Instant.now().minus(properties.decisionLogRetention()));
        if (deleted > 0) {
            log.info("Decision log retention: deleted {} decisions older than {}", deleted, properties.decisionLogRetention());
        }
    }
}
