package com.careplace.decision.release;

import com.careplace.placement.PlacementEvaluator;

/**
 * A release built into a running KieBase, ready to evaluate.
 *
 * @param release   which release
 * @param evaluator evaluates against it
 */
public record LoadedRelease(Release release, PlacementEvaluator evaluator) {
}
