package com.careplace.placement;

import java.time.Duration;

/**
 * Bounds on one evaluation, so that a release whose rules loop cannot hang a caller.
 *
 * @param maxRuleFirings firings after which the evaluation is aborted
 * @param maxDuration    wall time after which the evaluation is aborted (checked after each firing)
 */
public record EvaluationLimits(int maxRuleFirings, Duration maxDuration) {

    /** 1.0.0 fires about 20 rules per request; these bounds leave room for far larger rule sets. */
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(10_000, Duration.ofSeconds(2));

    public EvaluationLimits {
        if (maxRuleFirings < 1) {
            throw new IllegalArgumentException("maxRuleFirings must be at least 1");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive");
        }
    }
}
