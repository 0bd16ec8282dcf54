package com.careplace.workbench.rules;

import com.careplace.placement.vocabulary.Vocabulary;
import org.drools.verifier.api.Status;
import org.drools.verifier.api.reporting.CheckType;
import org.drools.verifier.api.reporting.Issue;
import org.drools.verifier.core.checks.base.JavaCheckRunner;
import org.drools.verifier.core.configuration.AnalyzerConfiguration;
import org.drools.verifier.core.configuration.CheckConfiguration;
import org.drools.verifier.core.configuration.DateTimeFormatProvider;
import org.drools.verifier.core.index.Index;
import org.drools.verifier.core.index.IndexImpl;
import org.drools.verifier.core.index.keys.UUIDKeyProvider;
import org.drools.verifier.core.index.keys.Values;
import org.drools.verifier.core.index.model.Column;
import org.drools.verifier.core.index.model.Field;
import org.drools.verifier.core.index.model.FieldAction;
import org.drools.verifier.core.index.model.FieldCondition;
import org.drools.verifier.core.index.model.ObjectField;
import org.drools.verifier.core.index.model.ObjectType;
import org.drools.verifier.core.index.model.Pattern;
import org.drools.verifier.core.index.model.Rule;
import org.drools.verifier.core.main.Analyzer;
import org.drools.verifier.core.main.Reporter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Checks a decision table's rows against each other, as Business Central's guided tables did: two rules
 * that match the same case with different outcomes, a rule another one makes redundant, a rule that can
 * never match or does nothing, and the cases no rule covers.
 *
 * <p>The row-against-row checks and numeric range gaps are Drools' own verifier ({@code drools-verifier-core},
 * the engine behind Business Central's table verification), fed each row's conditions and outcomes as
 * the column's code reads them ({@link ColumnValues}). Two things it does not know are done here: the
 * cases of enumerated columns no rule covers (a payer of the vocabulary with no row), and diagnosis-code
 * beginnings that nest (a code starting {@code F43.1} also starts {@code F43}).
 */
public final class TableVerification {

    /** What a finding is about, worst first. */
    public enum Kind {
        CONFLICT("Conflict"), GAP("Gap"), NEVER_MATCHES("Never matches"), REDUNDANT("Redundant"), SUBSUMED("Subsumed"),
        DOES_NOTHING("Does nothing"), MATCHES_EVERYTHING("Matches every case");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The word a clinician reads in the findings list. */
        public String label() {
            return label;
        }
    }

    /**
     * One thing the verification found in a table.
     *
     * @param kind    what kind of finding
     * @param asset   the decision table's path
     * @param table   the table's name
     * @param rules   the rules concerned, numbered from 1 within their table
     * @param message what it means, in the table's headings and values
     */
    public record Finding(Kind kind, String asset, String table, List<Integer> rules, String message) implements java.io.Serializable {

        public Finding {
            rules = List.copyOf(rules);
        }
    }

    /** Products of enumerated columns beyond this are not listed case by case. */
    private static final int MAX_COMBINATIONS = 20_000;
    private static final int MAX_GAPS_LISTED = 12;
    private static final Set<CheckType> CHECKS = EnumSet.of(CheckType.CONFLICTING_ROWS, CheckType.REDUNDANT_ROWS,
            CheckType.SUBSUMPTANT_ROWS, CheckType.IMPOSSIBLE_MATCH, CheckType.MISSING_RANGE, CheckType.EMPTY_RULE,
            CheckType.MISSING_ACTION, CheckType.MISSING_RESTRICTION);

    private TableVerification() {
    }

    /** Every finding in every decision table among {@code assets}, in the vocabulary they define. */
    public static List<Finding> verify(List<RuleAsset> assets, Vocabulary vocabulary) {
        List<Finding> findings = new ArrayList<>();
        assets.stream().filter(a -> a.kind() == RuleAsset.Kind.DECISION_TABLE).forEach(a -> findings.addAll(verify(a, vocabulary)));
        return findings;
    }

    /** Every finding in every rule table of one {@code .drl.csv} sheet. */
    public static List<Finding> verify(RuleAsset sheet, Vocabulary vocabulary) {
        List<Finding> findings = new ArrayList<>();
        for (DecisionTableDraft.RuleTable table : DecisionTableDraft.parse(sheet.text()).tables()) {
            List<Column> columns = columns(table, vocabulary);
            List<Finding> found = new ArrayList<>(verifier(table, columns));
            found.addAll(gaps(table, columns));
            found.addAll(nestedCodes(table, columns));
            found.stream().map(f -> new Finding(f.kind(), sheet.path(), f.table(), f.rules(), f.message()))
                    .sorted(Comparator.comparing(Finding::kind).thenComparing(f -> f.rules().isEmpty() ? 0 : f.rules().getFirst()))
                    .forEach(findings::add);
        }
        return findings;
    }

    /** A condition or action column as the verification reads it. */
    private record Column(int index, boolean condition, String heading, ColumnValues values, String operator) {
    }

    private static final java.util.regex.Pattern OPERATOR = java.util.regex.Pattern.compile("(==|!=|>=|<=|>|<)\\s*(\\$param|[A-Za-z]+\\.\\$param|[A-Za-z]+\\.of\\(\"\\$param\"\\))");

    private static List<Column> columns(DecisionTableDraft.RuleTable table, Vocabulary vocabulary) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < table.width(); c++) {
            String kind = table.kind(c);
            if (!kind.startsWith("CONDITION") && !kind.startsWith("ACTION")) {
                continue;
            }
            String code = c < table.code().size() ? table.code().get(c) : "";
            Matcher operator = OPERATOR.matcher(code);
            columns.add(new Column(c, kind.startsWith("CONDITION"), table.heading(c), table.values(c, vocabulary),
                    operator.find() ? operator.group(1) : "=="));
        }
        return columns;
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column).strip() : "";
    }

    // --- Drools' verifier: rows against rows, and numeric ranges -------------------------------------------

    private static List<Finding> verifier(DecisionTableDraft.RuleTable table, List<Column> columns) {
        AnalyzerConfiguration configuration = configuration();
        Index index = new IndexImpl();
        ObjectType when = new ObjectType("When", configuration);
        ObjectType then = new ObjectType("Then", configuration);
        index.getObjectTypes().add(when);
        index.getObjectTypes().add(then);
        Map<Integer, ObjectField> fields = new LinkedHashMap<>();
        Map<Integer, org.drools.verifier.core.index.model.Column> indexColumns = new LinkedHashMap<>();
        for (Column column : columns) {
            ObjectField field = new ObjectField(column.condition() ? "When" : "Then", type(column), "c" + column.index(), configuration);
            (column.condition() ? when : then).getFields().add(field);
            fields.put(column.index(), field);
            org.drools.verifier.core.index.model.Column indexed = new org.drools.verifier.core.index.model.Column(column.index(), configuration);
            index.getColumns().add(indexed);
            indexColumns.put(column.index(), indexed);
        }
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> row = table.rows().get(r);
            if (columns.stream().anyMatch(c -> c.values().problem(cell(row, c.index())).isPresent())) {
                continue; // a value its column does not take is a cell problem (Check says so): the row is not judged
            }
            Rule rule = new Rule(r, configuration);
            Pattern conditions = new Pattern("$when", when, configuration);
            Pattern actions = new Pattern("$then", then, configuration);
            for (Column column : columns) {
                String value = cell(row, column.index());
                if (value.isEmpty()) {
                    continue;
                }
                ObjectField objectField = fields.get(column.index());
                Field field = new Field(objectField, objectField.getFactType(), objectField.getFieldType(), objectField.getName(), configuration);
                Values<Comparable> values = values(column, value);
                if (column.condition()) {
                    FieldCondition<Comparable> condition = new FieldCondition<>(field, indexColumns.get(column.index()),
                            column.values() instanceof ColumnValues.CodePrefixes ? "in" : column.operator(), values, configuration);
                    field.getConditions().add(condition);
                    conditions.getFields().add(field);
                    rule.getConditions().add(condition);
                } else {
                    FieldAction action = new FieldAction(field, indexColumns.get(column.index()), values, configuration);
                    field.getActions().add(action);
                    actions.getFields().add(field);
                    rule.getActions().add(action);
                }
            }
            rule.getPatterns().add(conditions);
            rule.getPatterns().add(actions);
            index.getRules().add(rule);
        }
        List<Issue> issues = new ArrayList<>();
        Analyzer analyzer = new Analyzer(new Reporter() {
            @Override
            public void sendReport(Set<Issue> report) {
                issues.clear();
                issues.addAll(report);
            }

            @Override
            public void sendStatus(Status status) {
                // The analysis runs to its end on the calling thread: there is no progress to show.
            }
        }, index, configuration);
        analyzer.resetChecks();
        analyzer.analyze();
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Issue issue : issues) {
            List<Integer> rules = List.copyOf(new TreeSet<>(issue.getRowNumbers()));
            // The verifier reports a pair once from each side: one finding per pair.
            if (seen.add(issue.getCheckType() + " " + rules + " " + (issue.getCheckType() == CheckType.MISSING_RANGE ? issue.getDebugMessage() : ""))) {
                finding(table, columns, issue, rules).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static java.util.Optional<Finding> finding(DecisionTableDraft.RuleTable table, List<Column> columns, Issue issue, List<Integer> rules) {
        String name = table.name();
        String which = rules(rules);
        return java.util.Optional.ofNullable(switch (issue.getCheckType()) {
            case CONFLICTING_ROWS -> new Finding(Kind.CONFLICT, null, name, rules, which + " match the same cases with different outcomes"
                    + outcomes(table, columns, rules) + ". Both fire; say which is meant, or make their When values differ.");
            case REDUNDANT_ROWS -> new Finding(Kind.REDUNDANT, null, name, rules, which + " are the same rule: one of them can go.");
            case SUBSUMPTANT_ROWS -> new Finding(Kind.SUBSUMED, null, name, rules, which + ": one covers every case of the other with the "
                    + "same outcome, so the narrower one adds nothing.");
            case IMPOSSIBLE_MATCH -> new Finding(Kind.NEVER_MATCHES, null, name, rules, which + " can never match: its When values "
                    + "contradict each other.");
            case MISSING_RANGE -> new Finding(Kind.GAP, null, name, rules, range(columns, issue.getDebugMessage()));
            case EMPTY_RULE -> new Finding(Kind.DOES_NOTHING, null, name, rules, which + " is empty.");
            case MISSING_ACTION -> new Finding(Kind.DOES_NOTHING, null, name, rules, which + " has no Then value: it does nothing.");
            case MISSING_RESTRICTION -> new Finding(Kind.MATCHES_EVERYTHING, null, name, rules, which + " has no When value: it "
                    + "applies to every case.");
            default -> null;
        });
    }

    /** "Uncovered range starting from value 18 in partition [...]" in the column's words. */
    private static String range(List<Column> columns, String debug) {
        Matcher from = java.util.regex.Pattern.compile("starting from value (\\S+)").matcher(debug == null ? "" : debug);
        String numeric = columns.stream().filter(c -> c.condition() && c.values() instanceof ColumnValues.WholeNumber
                && !c.operator().equals("==")).map(Column::heading).findFirst().orElse("a number");
        return "No rule covers " + numeric + (from.find() ? " from " + from.group(1) : "") + ": those cases get no outcome from this table.";
    }

    private static String outcomes(DecisionTableDraft.RuleTable table, List<Column> columns, List<Integer> rules) {
        List<String> differing = new ArrayList<>();
        for (Column column : columns) {
            if (column.condition()) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            rules.forEach(r -> values.add(cell(table.rows().get(r - 1), column.index())));
            values.remove("");
            if (values.size() > 1) {
                differing.add(column.heading() + " " + String.join(" vs ", values));
            }
        }
        return differing.isEmpty() ? "" : " (" + String.join("; ", differing) + ")";
    }

    private static String type(Column column) {
        return column.values() instanceof ColumnValues.WholeNumber ? "Integer" : "String";
    }

    private static Values<Comparable> values(Column column, String value) {
        if (column.values() instanceof ColumnValues.WholeNumber) {
            return new Values<>(Integer.valueOf(value));
        }
        if (column.values() instanceof ColumnValues.CodePrefixes) {
            return new Values<>(java.util.Arrays.stream(value.split(",")).map(String::strip).toArray(Comparable[]::new));
        }
        return new Values<>(value);
    }

    private static AnalyzerConfiguration configuration() {
        CheckConfiguration checks = CheckConfiguration.newEmpty();
        checks.getCheckConfiguration().addAll(CHECKS);
        return new AnalyzerConfiguration("careplace", new DateTimeFormatProvider() {
            @Override
            public String format(Date date) {
                return date.toInstant().toString();
            }

            @Override
            public Date parse(String text) {
                return Date.from(java.time.Instant.parse(text));
            }
        }, new UUIDKeyProvider() {
            private long next;

            @Override
            protected String newUUID() {
                return "k" + next++;
            }
        }, checks, new JavaCheckRunner());
    }

    // --- Gaps over enumerated columns ----------------------------------------------------------------------

    /**
     * The combinations of enumerated When values no rule covers. Only columns whose rules use more than one
     * value count: a column every rule sets alike (IOP status ELIGIBLE in the payer table) says which cases
     * the table is about, it does not split them.
     */
    private static List<Finding> gaps(DecisionTableDraft.RuleTable table, List<Column> columns) {
        // A rule with a value its column does not take covers nothing here: its cases would read as gaps, falsely.
        if (table.rows().stream().anyMatch(row -> columns.stream().anyMatch(c -> c.values().problem(cell(row, c.index())).isPresent()))) {
            return List.of();
        }
        List<Column> varying = new ArrayList<>();
        List<List<String>> domains = new ArrayList<>();
        for (Column column : columns) {
            if (!column.condition() || !column.operator().equals("==")) {
                continue;
            }
            List<String> domain = switch (column.values()) {
                case ColumnValues.OneOf one -> one.choices().stream().map(ColumnValues.Choice::code).toList();
                case ColumnValues.WholeNumber number when number.maximum() - number.minimum() < 50 ->
                        java.util.stream.IntStream.rangeClosed(number.minimum(), number.maximum()).mapToObj(String::valueOf).toList();
                default -> List.of();
            };
            Set<String> used = new LinkedHashSet<>();
            table.rows().forEach(row -> used.add(cell(row, column.index())));
            used.remove("");
            if (domain.isEmpty() || used.size() < 2) {
                continue;
            }
            varying.add(column);
            domains.add(domain);
        }
        long combinations = domains.stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
        if (varying.isEmpty() || combinations > MAX_COMBINATIONS) {
            return List.of();
        }
        List<List<String>> uncovered = new ArrayList<>();
        int[] at = new int[varying.size()];
        for (long n = 0; n < combinations; n++) {
            List<String> combination = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                combination.add(domains.get(i).get(at[i]));
            }
            if (table.rows().stream().noneMatch(row -> covers(row, varying, combination))) {
                uncovered.add(combination);
            }
            for (int i = at.length - 1; i >= 0 && ++at[i] == domains.get(i).size(); i--) {
                at[i] = 0;
            }
        }
        if (uncovered.isEmpty()) {
            return List.of();
        }
        List<String> cases = uncovered.stream().limit(MAX_GAPS_LISTED).map(combination -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < varying.size(); i++) {
                parts.add(varying.get(i).heading() + " " + combination.get(i));
            }
            return String.join(" with ", parts);
        }).toList();
        return List.of(new Finding(Kind.GAP, null, table.name(), List.of(), (uncovered.size() == 1 ? "No rule for " : "No rule for "
                + uncovered.size() + " cases: ") + String.join("; ", cases) + (uncovered.size() > cases.size() ? "; …" : "")
                + ". Add a rule for " + (uncovered.size() == 1 ? "it" : "them") + ", or leave it if no rule is meant."));
    }

    private static boolean covers(List<String> row, List<Column> columns, List<String> combination) {
        for (int i = 0; i < columns.size(); i++) {
            String value = cell(row, columns.get(i).index());
            if (!value.isEmpty() && !value.equals(combination.get(i))) {
                return false;
            }
        }
        return true;
    }

    // --- Nested diagnosis-code beginnings -------------------------------------------------------------------

    /** Two rules where one's code beginning starts with the other's (F43 and F43.1): codes starting with both match both. */
    private static List<Finding> nestedCodes(DecisionTableDraft.RuleTable table, List<Column> columns) {
        List<Finding> findings = new ArrayList<>();
        for (Column column : columns) {
            if (!column.condition() || !(column.values() instanceof ColumnValues.CodePrefixes)) {
                continue;
            }
            for (int a = 0; a < table.rows().size(); a++) {
                for (int b = a + 1; b < table.rows().size(); b++) {
                    for (String pa : prefixes(cell(table.rows().get(a), column.index()))) {
                        for (String pb : prefixes(cell(table.rows().get(b), column.index()))) {
                            if (!pa.equals(pb) && (pa.startsWith(pb) || pb.startsWith(pa))) {
                                String narrower = pa.length() > pb.length() ? pa : pb;
                                List<Integer> rules = List.of(a + 1, b + 1);
                                String outcomes = outcomes(table, columns, rules);
                                findings.add(new Finding(outcomes.isEmpty() ? Kind.SUBSUMED : Kind.CONFLICT, null, table.name(), rules,
                                        "Codes starting " + narrower + " match " + rules(rules) + " (" + pa + ", " + pb + ")"
                                                + (outcomes.isEmpty() ? " with the same outcome." : outcomes + ": both fire.")));
                            }
                        }
                    }
                }
            }
        }
        return findings;
    }

    private static List<String> prefixes(String cell) {
        return cell.isEmpty() ? List.of() : java.util.Arrays.stream(cell.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private static String rules(List<Integer> rules) {
        if (rules.size() == 1) {
            return "Rule " + rules.getFirst();
        }
        return "Rules " + String.join(", ", rules.subList(0, rules.size() - 1).stream().map(String::valueOf).toList())
                + " and " + rules.getLast();
    }
}
