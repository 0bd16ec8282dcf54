package com.careplace.placement.facts;

/** Derived by decision table 3: the weekly hours the payer expects the patient to attend. */
public record PayerMinimumHours(int hours) {
}
