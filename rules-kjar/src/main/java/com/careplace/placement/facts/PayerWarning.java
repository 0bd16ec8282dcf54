package com.careplace.placement.facts;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * A payer warning of the release's vocabulary; decisions list warnings in the vocabulary's order.
 * Equal when the codes are.
 *
 * @param code    e.g. {@code PAYER_MINIMUM_HOURS_NOT_MET}
 * @param message what the decision says; {@code null} in the constant, which takes it from the vocabulary
 */
public record PayerWarning(String code, String message) implements java.io.Serializable, VocabularyEntry {
    public static final PayerWarning PAYER_MINIMUM_HOURS_NOT_MET = new PayerWarning("PAYER_MINIMUM_HOURS_NOT_MET", null);

    public PayerWarning {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String message() {
        return message != null ? message : Vocabulary.current().payerWarning(code).map(PayerWarning::message).orElse(code);
    }

    /**
     * The warning with this code.
     *
     * @throws IllegalArgumentException naming the valid codes when the release has no such warning
     */
    public static PayerWarning of(String code) {
        return VocabularyEntry.find(values(), code, "a payer warning");
    }

    /** The release's warnings in the vocabulary's order. */
    public static List<PayerWarning> values() {
        return Vocabulary.current().payerWarnings();
    }

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
    public static PayerWarning valueOf(String code) {
        return of(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PayerWarning warning && warning.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }

    /** JSON view of a warning. */
    public record Coded(String code, String message) {
    }
}
