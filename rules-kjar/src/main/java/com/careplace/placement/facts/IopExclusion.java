package com.careplace.placement.facts;

/** Derived: one reason the patient is not eligible for IOP. */
public record IopExclusion(IopReason reason) {
}
