package com.careplace.placement.facts;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.SuicideRisk;

/** The scalar parts of a request, as one fact. {@code currentLevel} is {@code null} when the patient is in no care. */
public record Assessment(int age, SuicideRisk suicideRisk, int availableHoursPerWeek, LevelOfCare currentLevel, Payer payer) {

    /** True when the patient is now in care at {@code level} or higher; false when in no care. */
    public boolean currentlyAtLeast(LevelOfCare level) {
        return currentLevel != null && currentLevel.isAtLeast(level);
    }
}
