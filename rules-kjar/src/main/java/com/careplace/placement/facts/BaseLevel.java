package com.careplace.placement.facts;

import com.careplace.placement.LevelOfCare;

/** Derived by P1/P2: the level the dimensions alone call for, before overrides. */
public record BaseLevel(LevelOfCare level) {
}
