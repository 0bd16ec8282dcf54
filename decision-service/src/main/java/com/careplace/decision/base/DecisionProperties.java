package com.careplace.decision.base;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings under {@code careplace.decision}.
 *
 * @param bootstrapApiKey    an API key provisioned at start for first use and tests (caller {@code bootstrap}); none when blank
 * @param deploymentPoll     how often a node checks the store for a newly deployed release
 * @param decisionLogRetention how long decisions are kept in the decision log
 * @param decisionLogSpool   the decision log's write-ahead spool directory (PHI at rest, kept 700); by default
 *                           {@code decision-log-spool} under {@code careplace.data-dir}
 * @param decisionLogSpoolMaxSize most disk the spool may take; past it decisions are refused with 503, never dropped
 * @param decisionLogSpoolFullWait how long a request waits for room in a full spool before its 503
 * @param maxBodyBytes       largest accepted body of a single request
 * @param maxBatchBodyBytes  largest accepted body of a batch
 * @param maxBatchSize       most requests in one batch
 * @param maxRuleFirings     firings after which one evaluation is aborted as runaway
 * @param maxEvaluationTime  time after which one evaluation is aborted as runaway
 * @param operationsKey      the bearer key that opens Prometheus, info and health details to operators and
 *                           their scrapers (at least 16 characters); none when blank, and then only the health
 *                           probes answer, without details
 */
@ConfigurationProperties("careplace.decision")
public record DecisionProperties(
        String bootstrapApiKey,
        Duration deploymentPoll,
        Duration decisionLogRetention,
        Path decisionLogSpool,
        DataSize decisionLogSpoolMaxSize,
        Duration decisionLogSpoolFullWait,
        Integer maxBodyBytes,
        Integer maxBatchBodyBytes,
        Integer maxBatchSize,
        Integer maxRuleFirings,
        Duration maxEvaluationTime,
        String operationsKey) {

    public DecisionProperties {
        deploymentPoll = deploymentPoll == null ? Duration.ofSeconds(1) : deploymentPoll;
        decisionLogRetention = decisionLogRetention == null ? Duration.ofDays(365) : decisionLogRetention;
        decisionLogSpoolMaxSize = decisionLogSpoolMaxSize == null ? DataSize.ofGigabytes(1) : decisionLogSpoolMaxSize;
        decisionLogSpoolFullWait = decisionLogSpoolFullWait == null ? Duration.ofMillis(500) : decisionLogSpoolFullWait;
        maxBodyBytes = maxBodyBytes == null ? 64 * 1024 : maxBodyBytes;
        maxBatchBodyBytes = maxBatchBodyBytes == null ? 16 * 1024 * 1024 : maxBatchBodyBytes;
        maxBatchSize = maxBatchSize == null ? 1000 : maxBatchSize;
        maxRuleFirings = maxRuleFirings == null ? 10_000 : maxRuleFirings;
        maxEvaluationTime = maxEvaluationTime == null ? Duration.ofSeconds(2) : maxEvaluationTime;
        operationsKey = operationsKey == null || operationsKey.isBlank() ? null : operationsKey.strip();
        if (operationsKey != null && operationsKey.length() < 16) {
            // A short shared secret in front of health details and metrics is guessable: refuse to start with it.
            throw new IllegalArgumentException("careplace.decision.operations-key must have at least 16 characters");
        }
    }
}
