package com.careplace.placement.facts;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;

import java.util.List;
import java.util.Objects;

/**
 * A diagnosis category of the release's vocabulary (decision table 1 maps codes to them). Equal when
 * the codes are. The constants are release 1.0.0's categories; {@link #of} names any of the release.
 *
 * @param code            e.g. {@code ANXIETY_DISORDER}
 * @param title           e.g. {@code Anxiety disorder}; {@code null} in the constants
 * @param qualifiesForIop whether a diagnosis in this category can justify IOP; {@code null} in the constants
 */
public record Category(String code, String title, Boolean qualifiesForIop) implements java.io.Serializable, VocabularyEntry {
    public static final Category SUBSTANCE_USE_DISORDER = constant("SUBSTANCE_USE_DISORDER");
    public static final Category DEPRESSIVE_DISORDER = constant("DEPRESSIVE_DISORDER");
    public static final Category BIPOLAR_DISORDER = constant("BIPOLAR_DISORDER");
    public static final Category ANXIETY_DISORDER = constant("ANXIETY_DISORDER");
    public static final Category EATING_DISORDER = constant("EATING_DISORDER");
    public static final Category TRAUMA_RELATED_DISORDER = constant("TRAUMA_RELATED_DISORDER");
    public static final Category SELF_HARM = constant("SELF_HARM");
    public static final Category PSYCHOTIC_DISORDER = constant("PSYCHOTIC_DISORDER");
    public static final Category OTHER = constant("OTHER");

    public Category {
        Objects.requireNonNull(code, "code");
    }

    private static Category constant(String code) {
        return new Category(code, null, null);
    }

    /** Whether a diagnosis in this category can justify IOP, as the release's vocabulary says. */
    @Override
    public Boolean qualifiesForIop() {
        return qualifiesForIop != null ? qualifiesForIop : canonical().qualifiesForIop;
    }

    @Override
    public String title() {
        return title != null ? title : canonical().title;
    }

    private Category canonical() {
        return Vocabulary.current().category(code)
                .orElseThrow(() -> new IllegalStateException("'" + code + "' is not a diagnosis category of this release"));
    }

    /**
     * The category with this code ({@code Category.of("OBSESSIVE_COMPULSIVE")}).
     *
     * @throws IllegalArgumentException naming the valid codes when the release has no such category
     */
    public static Category of(String code) {
        return VocabularyEntry.find(values(), code, "a diagnosis category");
    }

    /** The release's categories in the vocabulary's order. */
    public static List<Category> values() {
        return Vocabulary.current().categories();
    }

    /** Declared here, not only inherited: the rule policy lets rules call only a fact type's own members. */
    @Override
    public String name() {
        return code;
    }

    /** Same as {@link #of}, under the name the enum this type replaced had. */
    public static Category valueOf(String code) {
        return of(code);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Category category && category.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
