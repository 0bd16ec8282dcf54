package com.careplace.placement;

import java.time.Duration;

/**
 * Bounds on one evaluation, so that a release whose rules loop or grow cannot hang a caller or fill
 * the node's memory. All three are checked after each rule firing.
 *
 * @param maxRuleFirings    firings after which the evaluation is aborted
 * @param maxDuration       wall time after which the evaluation is aborted
 * @param maxAllocatedBytes memory the evaluating thread may allocate before the evaluation is aborted
 */
public record EvaluationLimits(int maxRuleFirings, Duration maxDuration, long maxAllocatedBytes) {

    /**
     * 1.0.0 fires about 20 rules and allocates about 30 KB per request; these bounds leave room for far
     * larger rule sets. A rule that doubles a text on each firing reaches 32 MB within some twenty firings,
     * long before the firing or time bound, and would take a node's heap down with it a few firings later.
     */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(10_000, Duration.ofSeconds(2), 32L * 1024 * 1024);

    public EvaluationLimits {
        if (maxRuleFirings < 1) {
            throw new IllegalArgumentException("maxRuleFirings must be at least 1");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
        if (maxAllocatedBytes < 1) {
            throw new IllegalArgumentException("maxAllocatedBytes must be positive");
        }
    }

    /** Firing and time bounds with the default memory bound. */
    public EvaluationLimits(int maxRuleFirings, Duration maxDuration) {
        this(maxRuleFirings, maxDuration, DEFAULT.maxAllocatedBytes());
    }
}
