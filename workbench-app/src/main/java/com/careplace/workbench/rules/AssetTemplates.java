package com.careplace.workbench.rules;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.Assessment;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a new asset starts from: a DRL file with the fact model imported, a decision table whose
 * columns are built from the fact model (conditions on the assessment's fields, including the fields
 * the vocabulary adds, and one of the conclusions rules draw), a scenario suite holding worked example 1.
 */
public final class AssetTemplates {

    private AssetTemplates() {
    }

    /** A condition column a new decision table can start with: a field of the assessment. */
    public record Condition(String field, String heading, String code) {
    }

    /** What the rows of a new decision table conclude. */
    public enum Action {
        IOP_EXCLUSION("Exclude from IOP, for the reason", "insert(new IopExclusion(IopReason.of(\"$param\")));"),
        LEVEL_AT_LEAST("Raise the level to at least", "insert(new LevelOverride(LevelOfCare.of(\"$param\")));"),
        PAYER_REQUIREMENT("Add the payer requirement", "insert(PayerRequirement.of(PayerRequirementCode.of(\"$param\")));"),
        PAYER_WARNING("Raise the payer warning", "insert(new PayerWarningRaised(PayerWarning.of(\"$param\")));");

        private final String heading;
        private final String code;

        Action(String heading, String code) {
            this.heading = heading;
            this.code = code;
        }

        /** The column's heading, as the table shows it. */
        public String heading() {
            return heading;
        }

        /** The column's code, {@code $param} where each rule's cell goes. */
        public String code() {
            return code;
        }
    }

    /**
     * The conditions a table can test: each field of the fact model's {@link Assessment} that a request
     * fills (the added fields of {@code vocabulary} included), with the comparison its type suggests.
     */
    public static List<Condition> conditions(Vocabulary vocabulary) {
        List<Condition> conditions = new ArrayList<>();
        for (RecordComponent component : Assessment.class.getRecordComponents()) {
            Class<?> type = component.getType();
            String field = component.getName();
            String heading = words(field);
            if (type == int.class || type == Integer.class) {
                conditions.add(new Condition(field, heading + " at least", field + " >= $param"));
            } else if (type == Payer.class) {
                conditions.add(new Condition(field, heading, field + " == Payer.of(\"$param\")"));
            } else if (type == LevelOfCare.class) {
                conditions.add(new Condition(field, heading, field + " == LevelOfCare.of(\"$param\")"));
            } else if (type == SuicideRisk.class) {
                conditions.add(new Condition(field, heading, field + " == SuicideRisk.$param"));
            }
        }
        for (RequestField added : vocabulary.requestFields()) {
            String name = added.name();
            switch (added.type()) {
                case BOOLEAN -> conditions.add(new Condition(name, words(name) + " (yes/no)", "yes(\"" + name + "\") == $param"));
                case INTEGER -> conditions.add(new Condition(name, words(name) + " at least",
                        "answered(\"" + name + "\") && number(\"" + name + "\") >= $param"));
                default -> { // a vocabulary value: compared by its code
                }
            }
        }
        return conditions;
    }

    /** An empty DRL file: the package and the fact model imported, and where its rules go. */
    public static String drl(String title) {
        return """
                package com.careplace.rules

                // %s
                // A rule reads facts (Assessment, Diagnosis, DiagnosisCategory, DimensionRating, RecommendedLevel…)
                // and inserts what it concludes (IopExclusion, LevelOverride, PayerRequirement, PayerWarningRaised).

                import com.careplace.placement.*;
                import com.careplace.placement.facts.*;
                """.formatted(oneLine(title));
    }

    /**
     * A decision table with one condition column per chosen field and one action column, and no rule rows
     * yet: the author adds them in the grid.
     *
     * @throws IllegalArgumentException when no condition is chosen or a field is not one of {@link #conditions}
     */
    public static String decisionTable(String title, List<String> fields, Action action, Vocabulary vocabulary) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one field for the table's conditions");
        }
        List<Condition> known = conditions(vocabulary);
        for (String field : fields) {
            if (known.stream().noneMatch(c -> c.field().equals(field))) {
                throw new IllegalArgumentException("'" + field + "' is not a field a table can test; the fields are "
                        + String.join(", ", known.stream().map(Condition::field).toList()));
            }
        }
        // Columns in the fact model's order, however they were picked
        List<Condition> chosen = known.stream().filter(c -> fields.contains(c.field())).toList();
        String name = oneLine(title).replace("\"", "'");
        int width = chosen.size() + 2;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("RuleSet", "com.careplace.rules"));
        rows.add(List.of("Import", "com.careplace.placement.*, com.careplace.placement.facts.*"));
        rows.add(List.of("Notes", name + ": one rule per row; an empty cell means the rule does not test that column."));
        rows.add(List.of());
        rows.add(List.of("RuleTable " + name));
        List<String> kinds = new ArrayList<>(List.of("NAME"));
        List<String> objects = new ArrayList<>(List.of(""));
        List<String> code = new ArrayList<>(List.of(""));
        List<String> headings = new ArrayList<>(List.of("Rule"));
        for (Condition condition : chosen) {
            kinds.add("CONDITION");
            objects.add("Assessment");
            code.add(condition.code());
            headings.add(condition.heading());
        }
        kinds.add("ACTION");
        objects.add("");
        code.add(action.code);
        headings.add(action.heading);
        rows.addAll(List.of(kinds, objects, code, headings));
        StringBuilder csv = new StringBuilder();
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>(row);
            while (cells.size() < width) {
                cells.add("");
            }
            csv.append(DecisionTableDraft.csvRow(cells)).append('\n');
        }
        return csv.toString();
    }

    /** A scenario suite holding worked example 1 of the spec, to copy from. */
    public static String scenarioSuite(String title) {
        return """
                suite: %s
                description: >-
                  Scenarios for %s. Each gives a request and the decision it must get.
                scenarios:
                  - name: "Worked example 1: adult, alcohol use disorder, moderate D3 and D5"
                    given:
                      age: 34
                      diagnoses: ["F10.20"]
                      dimensions: {d1: 1, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1}
                      availableHoursPerWeek: 12
                      payer: COMMERCIAL
                    expect:
                      level: "2.1"
                      drivingDimensions: [D3, D5]
                      iop:
                        status: ELIGIBLE
                        reasons: [MEETS_IOP_CRITERIA]
                        weeklyHours: {min: 9, max: 19}
                      payer:
                        requirements: [PRIOR_AUTHORIZATION]
                        warnings: []
                """.formatted(yamlText(title), yamlText(title).toLowerCase(Locale.ROOT));
    }

    /** A title on one line: it goes into a comment or a heading cell, never onto a line of its own. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String yamlText(String text) {
        return text.strip().replaceAll("[\\r\\n:#\"'{}\\[\\],&*!|>%@`]", " ").replaceAll(" +", " ");
    }

    /** {@code availableHoursPerWeek} → {@code Available hours per week}. */
    private static String words(String field) {
        String spaced = Arrays.stream(field.split("(?=[A-Z])")).map(w -> w.toLowerCase(Locale.ROOT))
                .reduce((a, b) -> a + " " + b).orElse(field);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
