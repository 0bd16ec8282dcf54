package com.careplace.placement.vocabulary;

import java.util.List;

/**
 * An entry of a release's vocabulary (a level of care, payer, category, reason, requirement or warning),
 * known by its code. The types that implement it replaced enums; {@link #name()} keeps the enums' meaning.
 */
public interface VocabularyEntry {

    /** The code callers send and receive, e.g. {@code MEDICARE} or {@code 2.1}. */
    String code();

    /**
     * The code, as {@code name()} of the enum this type replaced returned it; rules written for 1.0.0 use
     * it. Each type declares it itself: the rule policy lets rules call only a fact type's own members.
     */
    String name();

    /**
     * The entry with {@code code} among {@code entries}.
     *
     * @param what the kind, with its article, for the message: {@code "a payer"}
     * @throws IllegalArgumentException naming the code and the valid ones when there is none
     */
    static <T extends VocabularyEntry> T find(List<T> entries, String code, String what) {
        for (T entry : entries) {
            if (entry.code().equals(code)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("'" + code + "' is not " + what + "; expected one of "
                + String.join(", ", entries.stream().map(VocabularyEntry::code).toList()));
    }
}
