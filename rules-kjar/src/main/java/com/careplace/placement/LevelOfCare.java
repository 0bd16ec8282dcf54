package com.careplace.placement;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A level of care of the release's vocabulary, known by its ASAM code. The vocabulary orders the
 * levels lowest first; rules compare levels with {@link #isAbove}/{@link #isBelow}, never by code.
 * Two levels are equal when their codes are. The constants are release 1.0.0's levels, kept so that
 * rules written for 1.0.0 read as they always did; {@link #of} names any level of the release.
 *
 * @param code  the ASAM code as callers send and receive it, e.g. {@code "2.1"}
 * @param title the name; {@code null} in the constants, which take it from the vocabulary
 */
public record LevelOfCare(String code, String title) implements java.io.Serializable, VocabularyEntry, Comparable<LevelOfCare> {
    public static final LevelOfCare EARLY_INTERVENTION = new LevelOfCare("0.5", null);
    public static final LevelOfCare OUTPATIENT = new LevelOfCare("1", null);
    public static final LevelOfCare INTENSIVE_OUTPATIENT = new LevelOfCare("2.1", null);
    public static final LevelOfCare PARTIAL_HOSPITALIZATION = new LevelOfCare("2.5", null);
    public static final LevelOfCare LOW_INTENSITY_RESIDENTIAL = new LevelOfCare("3.1", null);
    public static final LevelOfCare HIGH_INTENSITY_RESIDENTIAL = new LevelOfCare("3.5", null);
    public static final LevelOfCare MEDICALLY_MONITORED_INPATIENT = new LevelOfCare("3.7", null);
    public static final LevelOfCare MEDICALLY_MANAGED_INPATIENT = new LevelOfCare("4", null);

    private static final Map<String, LevelOfCare> CONSTANTS = Map.of("EARLY_INTERVENTION", EARLY_INTERVENTION,
            "OUTPATIENT", OUTPATIENT, "INTENSIVE_OUTPATIENT", INTENSIVE_OUTPATIENT,
            "PARTIAL_HOSPITALIZATION", PARTIAL_HOSPITALIZATION, "LOW_INTENSITY_RESIDENTIAL", LOW_INTENSITY_RESIDENTIAL,
            "HIGH_INTENSITY_RESIDENTIAL", HIGH_INTENSITY_RESIDENTIAL,
            "MEDICALLY_MONITORED_INPATIENT", MEDICALLY_MONITORED_INPATIENT,
            "MEDICALLY_MANAGED_INPATIENT", MEDICALLY_MANAGED_INPATIENT);

    public LevelOfCare {
        Objects.requireNonNull(code, "code");
    }

    /** The name, e.g. {@code "Intensive Outpatient (IOP)"}, as the release's vocabulary gives it. */
    @Override
    public String title() {
        return title != null ? title : Vocabulary.current().levelOfCare(code).map(LevelOfCare::title).orElse(code);
    }

    public boolean isAbove(LevelOfCare other) {
        return rank() > other.rank();
    }

    public boolean isBelow(LevelOfCare other) {
        return rank() < other.rank();
    }

    public boolean isAtLeast(LevelOfCare other) {
        return rank() >= other.rank();
    }

    /** Position in the release's order of levels, lowest 0. */
    public int rank() {
        return Vocabulary.current().rank(this);
    }

    public static LevelOfCare higherOf(LevelOfCare a, LevelOfCare b) {
        return a.isAbove(b) ? a : b;
    }

    /** The level with this code in the release's vocabulary, if any. */
    public static Optional<LevelOfCare> fromCode(String code) {
        return Vocabulary.current().levelOfCare(code);
    }

    /**
     * The level with this code; what rules and decision tables write ({@code LevelOfCare.of("2.7")}).
     *
     * @throws IllegalArgumentException naming the code and the valid ones when it is not a level
     */
    public static LevelOfCare of(String code) {
        return VocabularyEntry.find(values(), code, "a level of care");
    }

    /** The release's levels, lowest first. */
    public static List<LevelOfCare> values() {
        return Vocabulary.current().levelsOfCare();
    }

    /** All codes, lowest first, for messages. */
    public static String codes() {
        return String.join(", ", values().stream().map(LevelOfCare::code).toList());
    }

    /** The contract's JSON shape: {@code {"code": "2.1", "name": "Intensive Outpatient (IOP)"}}. */
    @JsonValue
    public Coded json() {
        return new Coded(code, title());
    }

    /**
     * The constant's name for a 1.0.0 level ({@code INTENSIVE_OUTPATIENT}), as the enum this type replaced
     * returned it, and the code for a level added since; rules written for 1.0.0 use it.
     */
    @Override
    public String name() {
        return CONSTANTS.entrySet().stream().filter(e -> e.getValue().equals(this)).map(Map.Entry::getKey)
                .findFirst().orElse(code);
    }

    /** A 1.0.0 level by its constant's name, as the enum this type replaced read it, or any level by code. */
    public static LevelOfCare valueOf(String name) {
        LevelOfCare constant = CONSTANTS.get(name);
        return constant != null ? constant : of(name);
    }

    /** Same as {@link #rank()}, under the name the enum this type replaced had. */
    public int ordinal() {
        return rank();
    }

    /** Orders by rank in the release's vocabulary, as the enum this type replaced ordered by declaration. */
    @Override
    public int compareTo(LevelOfCare other) {
        return Integer.compare(rank(), other.rank());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LevelOfCare level && level.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }

    /** JSON view of a level. */
    public record Coded(String code, String name) {
    }
}
