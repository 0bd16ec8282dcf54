package com.careplace.placement.facts;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * An IOP reason code of the release's vocabulary, which lists exclusions first, then the eligible and
 * not-indicated reasons; decisions list reasons in that order. Equal when the codes are. The constants
 * are release 1.0.0's reasons; {@link #of} names any reason of the release.
 *
 * @param code    e.g. {@code AGE_BELOW_MINIMUM}
 * @param message what the decision says; {@code null} in the constants, which take it from the vocabulary
 */
public record IopReason(String code, String message) implements java.io.Serializable, VocabularyEntry {
    public static final IopReason AGE_BELOW_MINIMUM = constant("AGE_BELOW_MINIMUM");
    public static final IopReason NO_QUALIFYING_DIAGNOSIS = constant("NO_QUALIFYING_DIAGNOSIS");
    public static final IopReason WITHDRAWAL_NEEDS_MEDICAL_MANAGEMENT = constant("WITHDRAWAL_NEEDS_MEDICAL_MANAGEMENT");
    public static final IopReason MEDICALLY_UNSTABLE = constant("MEDICALLY_UNSTABLE");
    public static final IopReason IMMINENT_DANGER = constant("IMMINENT_DANGER");
    public static final IopReason UNSAFE_RECOVERY_ENVIRONMENT = constant("UNSAFE_RECOVERY_ENVIRONMENT");
    public static final IopReason INSUFFICIENT_AVAILABILITY = constant("INSUFFICIENT_AVAILABILITY");
    public static final IopReason HIGHER_LEVEL_REQUIRED = constant("HIGHER_LEVEL_REQUIRED");
    public static final IopReason MEETS_IOP_CRITERIA = constant("MEETS_IOP_CRITERIA");
    public static final IopReason STEP_DOWN = constant("STEP_DOWN");
    public static final IopReason LOWER_LEVEL_SUFFICIENT = constant("LOWER_LEVEL_SUFFICIENT");

    public IopReason {
        Objects.requireNonNull(code, "code");
    }

    private static IopReason constant(String code) {
        return new IopReason(code, null);
    }

    @Override
    public String message() {
        return message != null ? message : Vocabulary.current().iopReason(code).map(IopReason::message).orElse(code);
    }

    /**
     * The reason with this code ({@code IopReason.of("PREGNANCY_NEEDS_OBSTETRIC_CARE")}).
     *
     * @throws IllegalArgumentException naming the valid codes when the release has no such reason
     */
    public static IopReason of(String code) {
        return VocabularyEntry.find(values(), code, "an IOP reason");
    }

    /** The release's reasons in the vocabulary's order. */
    public static List<IopReason> values() {
        return Vocabulary.current().iopReasons();
    }

    /** The contract's JSON shape: {@code {"code": "...", "message": "..."}}. */
    @JsonValue
    public Coded json() {
        return new Coded(code, message());
    }

    /** Declared here, not only inherited: the rule policy lets rules call only a fact type's own members. */
    @Override
    public String name() {
        return code;
    }

    /** Same as {@link #of}, under the name the enum this type replaced had. */
    public static IopReason valueOf(String code) {
        return of(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IopReason reason && reason.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }

    /** JSON view of a reason. */
    public record Coded(String code, String message) {
    }
}
