package com.careplace.placement.facts;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * A payer requirement code of the release's vocabulary; decisions list requirements in the
 * vocabulary's order. Equal when the codes are.
 *
 * @param code e.g. {@code PRIOR_AUTHORIZATION}
 * @param title e.g. {@code Prior authorization}; {@code null} in the constants
 */
public record PayerRequirementCode(String code, String title) implements java.io.Serializable, VocabularyEntry {
    public static final PayerRequirementCode PRIOR_AUTHORIZATION = new PayerRequirementCode("PRIOR_AUTHORIZATION", null);
    public static final PayerRequirementCode PHYSICIAN_CERTIFICATION = new PayerRequirementCode("PHYSICIAN_CERTIFICATION", null);
    public static final PayerRequirementCode RECERTIFICATION = new PayerRequirementCode("RECERTIFICATION", null);

    public PayerRequirementCode {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String title() {
        return title != null ? title : Vocabulary.current().payerRequirement(code).map(PayerRequirementCode::title).orElse(code);
    }

    /**
     * The requirement with this code ({@code PayerRequirementCode.of("CONCURRENT_REVIEW")}).
     *
     * @throws IllegalArgumentException naming the valid codes when the release has no such requirement
     */
    public static PayerRequirementCode of(String code) {
        return VocabularyEntry.find(values(), code, "a payer requirement");
    }

    /** The release's requirement codes in the vocabulary's order. */
    public static List<PayerRequirementCode> values() {
        return Vocabulary.current().payerRequirements();
    }

    @JsonValue
    @Override
    public String toString() {
        return code;
    }

    /** Declared here, not only inherited: the rule policy lets rules call only a fact type's own members. */
    @Override
    public String name() {
        return code;
    }

    /** Same as {@link #of}, under the name the enum this type replaced had. */
    public static PayerRequirementCode valueOf(String code) {
        return of(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PayerRequirementCode requirement && requirement.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }
}
