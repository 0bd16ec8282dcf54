package com.careplace.placement.facts;

import com.careplace.placement.Dimension;

/** One ASAM dimension's risk rating, 0..4. */
public record DimensionRating(Dimension dimension, int rating) {
}
