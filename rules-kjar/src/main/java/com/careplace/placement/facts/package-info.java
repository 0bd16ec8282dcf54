/**
 * The facts the rules reason on. The evaluator inserts {@link com.careplace.placement.facts.Assessment},
 * {@link com.careplace.placement.facts.DimensionRating} and {@link com.careplace.placement.facts.Diagnosis};
 * every other type here is derived by a rule and read back into the decision.
 */
package com.careplace.placement.facts;
