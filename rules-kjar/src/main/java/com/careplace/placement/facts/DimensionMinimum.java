package com.careplace.placement.facts;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;

/** Derived by decision table 2: the lowest level of care a dimension's rating allows. */
public record DimensionMinimum(Dimension dimension, LevelOfCare level) {
}
