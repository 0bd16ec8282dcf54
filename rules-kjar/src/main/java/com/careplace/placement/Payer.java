package com.careplace.placement;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who pays for treatment, from the release's vocabulary; payer rules differ per payer. Equal when the
 * codes are. The constants are release 1.0.0's payers; {@link #of} names any payer of the release.
 *
 * @param code the code callers send, e.g. {@code MEDICARE}
 * @param title the name; {@code null} in the constants, which take it from the vocabulary
 */
public record Payer(String code, String title) implements java.io.Serializable, VocabularyEntry {
    public static final Payer MEDICARE = new Payer("MEDICARE", null);
    public static final Payer MEDICAID = new Payer("MEDICAID", null);
    public static final Payer COMMERCIAL = new Payer("COMMERCIAL", null);
    public static final Payer TRICARE = new Payer("TRICARE", null);
    public static final Payer SELF_PAY = new Payer("SELF_PAY", null);

    public Payer {
        Objects.requireNonNull(code, "code");
    }

    @Override
    public String title() {
        return title != null ? title : Vocabulary.current().payer(code).map(Payer::title).orElse(code);
    }

    /** The payer with this code in the release's vocabulary, if any. */
    public static Optional<Payer> fromCode(String code) {
        return Vocabulary.current().payer(code);
    }

    /**
     * The payer with this code ({@code Payer.of("MEDICARE_ADVANTAGE")}).
     *
     * @throws IllegalArgumentException naming the code and the valid ones when the release has no such payer
     */
    public static Payer of(String code) {
        return VocabularyEntry.find(values(), code, "a payer");
    }

    /** The release's payers in the vocabulary's order. */
    public static List<Payer> values() {
        return Vocabulary.current().payers();
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
    public static Payer valueOf(String code) {
        return of(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payer payer && payer.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }
}
