package com.careplace.placement.facts;

/** Derived: the weekly IOP hours for the patient's age group. */
public record WeeklyIopHours(int min, int max) implements java.io.Serializable {
}
