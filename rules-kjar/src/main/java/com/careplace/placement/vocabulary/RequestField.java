package com.careplace.placement.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An optional request field that clinicians added to the release's request schema.
 *
 * @param name        the JSON field name, e.g. {@code pregnant}
 * @param type        what the field holds
 * @param minimum     for integers, the smallest value allowed; {@code null} otherwise
 * @param maximum     for integers, the largest value allowed; {@code null} otherwise
 * @param description what it means, for callers and the OpenAPI description
 */
public record RequestField(String name, Type type, Integer minimum, Integer maximum, String description)
        implements java.io.Serializable {

    public RequestField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** What an added field holds, by the word the schema file uses. */
    public enum Type {
        INTEGER("integer"), BOOLEAN("boolean"), LEVEL_OF_CARE("level of care"), PAYER("payer"),
        DIAGNOSIS_CATEGORY("diagnosis category");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** The word in the schema file: {@code integer}, {@code boolean}, {@code level of care} … */
        public String word() {
            return word;
        }

        /** The type a schema file names, case and surrounding spaces ignored. */
        public static Optional<Type> fromWord(String word) {
            String normal = word.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(t -> t.word.equals(normal)).findFirst();
        }

        /** Every word, for messages. */
        public static String words() {
            return String.join(", ", Arrays.stream(values()).map(Type::word).toList());
        }
    }
}
