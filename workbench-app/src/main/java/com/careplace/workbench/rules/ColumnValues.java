package com.careplace.workbench.rules;

import com.careplace.placement.Dimension;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cells of one decision-table column may hold, read from the column's code (its template): a
 * column writing {@code Payer.of("$param")} takes a payer of the vocabulary, one writing
 * {@code new PayerMinimumHours($param)} a whole number of hours. The grid offers these values and checks
 * each cell as it is typed; Check reports the same problem at the same cell. An empty cell is always
 * allowed: it means the column does not apply to that rule.
 */
public sealed interface ColumnValues {

    /** What the column takes, for the author: {@code "a payer"}, {@code "a whole number from 0 to 4"}. */
    String hint();

    /** What is wrong with {@code cell} for this column, if anything. */
    Optional<String> problem(String cell);

    /** One value of a closed list, shown by code with its name. */
    record Choice(String code, String label) {
    }

    /**
     * One of a fixed list: vocabulary entries, the fact model's enumerations, yes or no.
     *
     * @param what    the kind with its article, {@code "a payer"}
     * @param choices the allowed values, in the vocabulary's order
     */
    record OneOf(String what, List<Choice> choices) implements ColumnValues {

        public OneOf {
            choices = List.copyOf(choices);
        }

        @Override
        public String hint() {
            return what;
        }

        @Override
        public Optional<String> problem(String cell) {
            String value = cell.strip();
            if (value.isEmpty() || choices.stream().anyMatch(c -> c.code().equals(value))) {
                return Optional.empty();
            }
            return Optional.of("'" + value + "' is not " + what + ". Allowed: "
                    + String.join(", ", choices.stream().map(Choice::code).toList()));
        }
    }

    /**
     * A whole number within a range.
     *
     * @param what    what the number counts, for the message ({@code "hours per week"})
     * @param minimum smallest allowed
     * @param maximum largest allowed
     */
    record WholeNumber(String what, int minimum, int maximum) implements ColumnValues {

        @Override
        public String hint() {
            return "a whole number from " + minimum + " to " + maximum + (what.isEmpty() ? "" : " (" + what + ")");
        }

        @Override
        public Optional<String> problem(String cell) {
            String value = cell.strip();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (!value.matches("-?\\d{1,9}")) {
                return Optional.of("'" + value + "' is not a whole number: expected " + hint());
            }
            int number = Integer.parseInt(value);
            return number < minimum || number > maximum
                    ? Optional.of(number + " is out of range: expected " + hint())
                    : Optional.empty();
        }
    }

    /** ICD-10-CM code beginnings, separated by commas ({@code F10, F11, F34.1}). */
    record CodePrefixes() implements ColumnValues {

        private static final Pattern PREFIX = Pattern.compile("[A-Z][0-9][0-9A-Z]?(\\.[0-9A-Z]{0,4})?");

        @Override
        public String hint() {
            return "ICD-10-CM code beginnings separated by commas, e.g. F10, F34.1";
        }

        @Override
        public Optional<String> problem(String cell) {
            if (cell.isBlank()) {
                return Optional.empty();
            }
            for (String part : cell.split(",", -1)) {
                String prefix = part.strip();
                if (prefix.isEmpty()) {
                    return Optional.of("An empty code between commas: expected " + hint());
                }
                if (!PREFIX.matcher(prefix).matches()) {
                    return Optional.of("'" + prefix + "' is not the beginning of an ICD-10-CM code (a capital letter, a digit, "
                            + "then digits or letters, e.g. F10 or F34.1)");
                }
            }
            return Optional.empty();
        }
    }

    /** Anything: rule names, descriptions, columns whose code Careplace does not recognise. */
    record FreeText() implements ColumnValues {

        @Override
        public String hint() {
            return "text";
        }

        @Override
        public Optional<String> problem(String cell) {
            return Optional.empty();
        }
    }

    Pattern VOCABULARY_CALL = Pattern.compile("\\b(LevelOfCare|Payer|Category|IopReason|PayerRequirementCode|PayerWarning)\\.of\\(\"\\$param\"\\)");
    Pattern ENUM_CONSTANT = Pattern.compile("\\b(IopStatus|Dimension|SuicideRisk)\\.\\$param\\b");
    Pattern COMPARISON = Pattern.compile("\\b([a-z][A-Za-z0-9]*)\\s*(==|!=|>=|<=|>|<)\\s*\\$param\\b");

    /**
     * What a column takes, from its kind ({@code CONDITION}, {@code ACTION} …), the object type above its
     * code ({@code Assessment}) and its code.
     */
    static ColumnValues of(String kind, String objectType, String code, Vocabulary vocabulary) {
        String k = kind.strip();
        if (!k.startsWith("CONDITION") && !k.startsWith("ACTION")) {
            return new FreeText();
        }
        Matcher entry = VOCABULARY_CALL.matcher(code);
        if (entry.find()) {
            return switch (entry.group(1)) {
                case "LevelOfCare" -> new OneOf("a level of care", choices(vocabulary.levelsOfCare(), l -> l.code(), l -> l.title()));
                case "Payer" -> new OneOf("a payer", choices(vocabulary.payers(), p -> p.code(), p -> p.title()));
                case "Category" -> new OneOf("a diagnosis category", choices(vocabulary.categories(), c -> c.code(), c -> c.title()));
                case "IopReason" -> new OneOf("an IOP reason", choices(vocabulary.iopReasons(), r -> r.code(), r -> r.message()));
                case "PayerRequirementCode" -> new OneOf("a payer requirement",
                        choices(vocabulary.payerRequirements(), r -> r.code(), r -> r.title()));
                default -> new OneOf("a payer warning", choices(vocabulary.payerWarnings(), w -> w.code(), w -> w.message()));
            };
        }
        Matcher constant = ENUM_CONSTANT.matcher(code);
        if (constant.find()) {
            return switch (constant.group(1)) {
                case "IopStatus" -> new OneOf("an IOP status", Arrays.stream(IopStatus.values())
                        .map(s -> new Choice(s.name(), words(s.name()))).toList());
                case "Dimension" -> new OneOf("an ASAM dimension", Arrays.stream(Dimension.values())
                        .map(d -> new Choice(d.name(), d.title())).toList());
                default -> new OneOf("a suicide risk", Arrays.stream(SuicideRisk.values())
                        .map(s -> new Choice(s.name(), words(s.name()))).toList());
            };
        }
        if (code.contains("Answer.yes(\"$param\")")) {
            return new OneOf("yes or no", List.of(new Choice("yes", "yes"), new Choice("no", "no")));
        }
        if (code.contains("code.startsWith(\"$\")")) {
            return new CodePrefixes();
        }
        if (code.contains("new PayerMinimumHours($param)")) {
            return new WholeNumber("hours per week", 0, 168);
        }
        if (code.contains("recertificationEvery($param)")) {
            return new WholeNumber("days", 1, 365);
        }
        Matcher comparison = COMPARISON.matcher(code);
        if (comparison.find()) {
            String field = comparison.group(1);
            String type = objectType.replaceFirst("^\\$\\w+\\s*:\\s*", "").strip();
            if (type.equals("DimensionRating") && field.equals("rating")) {
                return new WholeNumber("ASAM rating", 0, 4);
            }
            if (type.equals("Assessment")) {
                return switch (field) {
                    case "age" -> new WholeNumber("years", 0, 130);
                    case "availableHoursPerWeek" -> new WholeNumber("hours per week", 0, 168);
                    default -> vocabulary.requestField(field).filter(f -> f.type() == RequestField.Type.INTEGER)
                            .<ColumnValues>map(f -> new WholeNumber(f.name(), f.minimum() == null ? Integer.MIN_VALUE : f.minimum(),
                                    f.maximum() == null ? Integer.MAX_VALUE : f.maximum()))
                            .orElse(new FreeText());
                };
            }
        }
        return new FreeText();
    }

    private static <T> List<Choice> choices(List<T> entries, Function<T, String> code, Function<T, String> label) {
        return entries.stream().map(e -> new Choice(code.apply(e), label.apply(e) == null ? code.apply(e) : label.apply(e))).toList();
    }

    private static String words(String constant) {
        String lower = constant.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
