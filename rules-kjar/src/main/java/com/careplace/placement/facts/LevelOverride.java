package com.careplace.placement.facts;

import com.careplace.placement.LevelOfCare;

/** Derived by P3/P4: an override that raises the level to at least {@code target}. */
public record LevelOverride(LevelOfCare target) {
}
