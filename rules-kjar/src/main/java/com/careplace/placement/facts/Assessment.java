package com.careplace.placement.facts;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.SuicideRisk;

import java.util.Map;

/**
 * The scalar parts of a request, as one fact. {@code currentLevel} is {@code null} when the patient is in no care.
 * {@code additional} holds the answers to the fields the release's request schema adds, by field name:
 * rules read them with {@link #answered}, {@link #yes}, {@link #number} and {@link #entry}, and the
 * compile step checks each name and its type against the schema.
 */
public record Assessment(int age, SuicideRisk suicideRisk, int availableHoursPerWeek, LevelOfCare currentLevel, Payer payer,
                         Map<String, Object> additional) {

    public Assessment {
        additional = Map.copyOf(additional);
    }

    public Assessment(int age, SuicideRisk suicideRisk, int availableHoursPerWeek, LevelOfCare currentLevel, Payer payer) {
        this(age, suicideRisk, availableHoursPerWeek, currentLevel, payer, Map.of());
    }

    /** True when the patient is now in care at {@code level} or higher; false when in no care. */
    public boolean currentlyAtLeast(LevelOfCare level) {
        return currentLevel != null && currentLevel.isAtLeast(level);
    }

    /** Whether the request answered the added field {@code field}. */
    public boolean answered(String field) {
        return additional.containsKey(field);
    }

    /** True only when the added yes/no field {@code field} was answered yes ({@code true}). */
    public boolean yes(String field) {
        return Boolean.TRUE.equals(additional.get(field));
    }

    /** The added integer field's answer; {@code null} when not answered (test {@link #answered} first). */
    public Integer number(String field) {
        return additional.get(field) instanceof Integer value ? value : null;
    }

    /** The added vocabulary field's answer (a level of care, payer or category); {@code null} when not answered. */
    public Object entry(String field) {
        Object value = additional.get(field);
        return value instanceof Integer || value instanceof Boolean ? null : value;
    }
}
