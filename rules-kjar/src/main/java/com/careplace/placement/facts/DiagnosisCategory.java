package com.careplace.placement.facts;

/** Derived by decision table 1: the category of one diagnosis code. */
public record DiagnosisCategory(String code, Category category) {
}
