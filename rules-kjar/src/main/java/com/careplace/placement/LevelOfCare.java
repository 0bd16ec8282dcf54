package com.careplace.placement;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/**
 * ASAM levels of care, declared lowest first so that the natural order is clinical intensity.
 * Rules compare levels with {@link #isAbove}/{@link #isBelow}, never by comparing code strings.
 */
public enum LevelOfCare {
    EARLY_INTERVENTION("0.5", "Early Intervention"),
    OUTPATIENT("1", "Outpatient Services"),
    INTENSIVE_OUTPATIENT("2.1", "Intensive Outpatient (IOP)"),
    PARTIAL_HOSPITALIZATION("2.5", "Partial Hospitalization (PHP)"),
    LOW_INTENSITY_RESIDENTIAL("3.1", "Clinically Managed Low-Intensity Residential"),
    HIGH_INTENSITY_RESIDENTIAL("3.5", "Clinically Managed High-Intensity Residential"),
    MEDICALLY_MONITORED_INPATIENT("3.7", "Medically Monitored Inpatient"),
    MEDICALLY_MANAGED_INPATIENT("4", "Medically Managed Inpatient");

    private final String code;
    private final String title;

    LevelOfCare(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The ASAM code as callers send and receive it, e.g. {@code "2.1"}. */
    public String code() {
        return code;
    }

    /** The human name, e.g. {@code "Intensive Outpatient (IOP)"}. */
    public String title() {
        return title;
    }

    public boolean isAbove(LevelOfCare other) {
        return compareTo(other) > 0;
    }

    public boolean isBelow(LevelOfCare other) {
        return compareTo(other) < 0;
    }

    public boolean isAtLeast(LevelOfCare other) {
        return compareTo(other) >= 0;
    }

    public static LevelOfCare higherOf(LevelOfCare a, LevelOfCare b) {
        return a.isAbove(b) ? a : b;
    }

    /** The level with this code, if any. */
    public static Optional<LevelOfCare> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    /**
     * The level with this code; used by decision tables, whose cells hold codes as clinicians write them.
     *
     * @throws IllegalArgumentException naming the code and the valid ones when it is not a level
     */
    public static LevelOfCare of(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException(
                "'" + code + "' is not a level of care; expected one of " + codes()));
    }

    /** All codes, lowest first, for messages. */
    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(LevelOfCare::code).toList());
    }

    /** The contract's JSON shape: {@code {"code": "2.1", "name": "Intensive Outpatient (IOP)"}}. */
    @JsonValue
    public Coded json() {
        return new Coded(code, title);
    }

    /** JSON view of a level. */
    public record Coded(String code, String name) {
    }
}
