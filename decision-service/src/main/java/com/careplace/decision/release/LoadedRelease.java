package com.careplace.decision.release;

import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.vocabulary.Vocabulary;

/**
 * A release built into a running KieBase, ready to evaluate.
 *
 * @param release   which release
 * @param evaluator evaluates against it
 */
public record LoadedRelease(Release release, PlacementEvaluator evaluator) {

    /** The words this release decides in: its payers, levels, codes and request fields. */
    public Vocabulary vocabulary() {
        return evaluator.vocabulary();
    }
}
