package com.careplace.placement.facts;

/** Diagnosis categories of decision table 1. */
public enum Category {
    SUBSTANCE_USE_DISORDER(true),
    DEPRESSIVE_DISORDER(true),
    BIPOLAR_DISORDER(true),
    ANXIETY_DISORDER(true),
    EATING_DISORDER(true),
    TRAUMA_RELATED_DISORDER(true),
    SELF_HARM(true),
    PSYCHOTIC_DISORDER(false),
    OTHER(false);

    private final boolean qualifiesForIop;

    Category(boolean qualifiesForIop) {
        this.qualifiesForIop = qualifiesForIop;
    }

    /** Whether a diagnosis in this category can justify IOP. */
    public boolean qualifiesForIop() {
        return qualifiesForIop;
    }
}
