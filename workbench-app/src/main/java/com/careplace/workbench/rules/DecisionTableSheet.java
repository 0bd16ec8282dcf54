package com.careplace.workbench.rules;

import org.drools.decisiontable.parser.csv.CsvLineParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Drools spreadsheet decision table ({@code .drl.csv}) read as the grid an author sees: rows and
 * cells, which rows are rules, and each column's heading. Used to point compile problems at cells.
 */
final class DecisionTableSheet {

    private final List<List<String>> rows;

    private DecisionTableSheet(List<List<String>> rows) {
        this.rows = rows;
    }

    static DecisionTableSheet parse(String csv) {
        // Drools' own CSV reader for each row. Drools reads its CSV line by line (a line ends at \n, \r or \r\n, as Java's
        // readLine has it); here a line break inside a cell quoted from its first character (RFC 4180, as Excel writes it)
        // stays in the cell, and such a table goes to Drools as a workbook (DecisionTableWorkbook.forDrools), so rows and
        // cells are still exactly those Drools compiles. A stray quote elsewhere ends with its line, as it does in Drools.
        CsvLineParser parser = new CsvLineParser();
        List<List<String>> rows = new ArrayList<>();
        String[] lines = csv.split("\r\n|\r|\n", -1);
        StringBuilder open = null;
        List<String> openLines = new ArrayList<>();
        for (String line : lines) {
            if (open == null) {
                if (!opensCell(line)) {
                    rows.add(new ArrayList<>(parser.parse(line)));
                    continue;
                }
                open = new StringBuilder(line);
                openLines.clear();
                openLines.add(line);
                continue;
            }
            open.append('\n').append(line);
            openLines.add(line);
            if (closes(line)) {
                rows.add(new ArrayList<>(parser.parse(open)));
                open = null;
            }
        }
        if (open != null) {
            // a quote never closed: Drools' reader ends the cell at the end of each line, so read those lines as it does
            openLines.forEach(line -> rows.add(new ArrayList<>(parser.parse(line))));
        }
        return new DecisionTableSheet(rows);
    }

    /**
     * Whether {@code line} ends inside a cell quoted from its start: read with Drools' own rule (each quote opens or
     * closes, {@code ""} inside quotes is one quote), the quote still open at the end opened a field.
     */
    private static boolean opensCell(String line) {
        boolean inside = false;
        boolean fromFieldStart = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (inside && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    i++;
                } else {
                    inside = !inside;
                    fromFieldStart = inside && (i == 0 || line.charAt(i - 1) == ',');
                }
            }
        }
        return inside && fromFieldStart;
    }

    /** Whether a continuation line of an open quoted cell closes it (an odd number of quotes, {@code ""} counting two). */
    private static boolean closes(String line) {
        int quotes = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    /** Whether a cell of the table holds a line break (Drools' CSV reader cannot read it). */
    boolean breaksLines() {
        return rows.stream().flatMap(List::stream).anyMatch(cell -> cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0);
    }

    /** Every row's cells, as parsed. */
    List<List<String>> rows() {
        return rows;
    }

    /** A rule row of a table, with the table's layout. */
    record RuleRow(int row, List<String> cells, List<String> kinds, List<String> headings) {

        /** The cell (0-based index) in a CONDITION or ACTION column whose value best explains {@code text}. */
        Optional<Integer> cellExplaining(String text) {
            int best = -1;
            for (int i = 0; i < cells.size(); i++) {
                String kind = i < kinds.size() ? kinds.get(i).strip() : "";
                String value = cells.get(i).strip();
                if ((kind.startsWith("CONDITION") || kind.startsWith("ACTION")) && !value.isEmpty()
                        && containsToken(text, value) && (best < 0 || value.length() > cells.get(best).strip().length())) {
                    best = i;
                }
            }
            return best < 0 ? Optional.empty() : Optional.of(best);
        }

        private static boolean containsToken(String text, String value) {
            int at = text.indexOf(value);
            while (at >= 0) {
                boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
                int end = at + value.length();
                boolean endOk = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
                if (startOk && endOk) {
                    return true;
                }
                at = text.indexOf(value, at + 1);
            }
            return false;
        }

        String heading(int index) {
            String heading = index < headings.size() ? headings.get(index).strip() : "";
            return heading.isEmpty() ? (index < kinds.size() ? kinds.get(index).strip() : "") : heading;
        }
    }

    /** Every rule row of every RuleTable in the sheet. */
    List<RuleRow> ruleRows() {
        List<RuleRow> result = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!first(i).startsWith("RuleTable")) {
                continue;
            }
            // RuleTable, then the column kinds, the object types, the code snippets, the headings, then rules.
            int kinds = i + 1;
            int headings = i + 4;
            for (int r = i + 5; r < rows.size() && !blank(r) && !first(r).startsWith("RuleTable"); r++) {
                result.add(new RuleRow(r + 1, rows.get(r), row(kinds), row(headings)));
            }
        }
        return result;
    }

    /**
     * The cell an author wrote {@code code} in: a rule row's cell when {@code rule} is known and one of
     * its cells holds it, else a table's code row (the templates under the object types), else a RuleSet
     * row (Import, Variables, Functions, Queries, Declare, Dialect …) that holds it.
     */
    Optional<CompileProblem.TableCell> cellWriting(String rule, String code) {
        if (rule != null) {
            Optional<RuleRow> row = rowOfRule(rule);
            if (row.isPresent()) {
                // The cell that is the code before one that merely contains it (a rule's name often does)
                for (int i = 0; i < row.get().cells().size(); i++) {
                    if (row.get().cells().get(i).strip().equals(code)) {
                        return Optional.of(new CompileProblem.TableCell(row.get().row(), columnLetter(i), row.get().heading(i),
                                row.get().cells().get(i).strip()));
                    }
                }
                for (int i = 0; i < row.get().cells().size(); i++) {
                    if (row.get().cells().get(i).contains(code)) {
                        return Optional.of(new CompileProblem.TableCell(row.get().row(), columnLetter(i), row.get().heading(i),
                                row.get().cells().get(i).strip()));
                    }
                }
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            boolean tableStart = first(i).startsWith("RuleTable");
            // Under a RuleTable row: column kinds, object types, code, then headings.
            for (int r = tableStart ? i + 1 : i; r <= (tableStart ? i + 3 : i) && r < rows.size(); r++) {
                List<String> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    if (cells.get(c).contains(code)) {
                        String heading = tableStart ? headingOf(i + 4, c, r == i + 2 ? "object type" : "code")
                                : first(r).isEmpty() ? "" : first(r);
                        return Optional.of(new CompileProblem.TableCell(r + 1, columnLetter(c), heading, cells.get(c).strip()));
                    }
                }
            }
        }
        return rule == null ? Optional.empty() : rowOfRule(rule).map(r -> new CompileProblem.TableCell(r.row(), "", "", ""));
    }

    private String headingOf(int headingRow, int column, String part) {
        List<String> headings = row(headingRow);
        String heading = column < headings.size() ? headings.get(column).strip() : "";
        return (heading.isEmpty() ? "column " + columnLetter(column) : heading) + " — " + part;
    }

    /** The rule row named {@code ruleName} (NAME column), or the row Drools numbered it after. */
    Optional<RuleRow> rowOfRule(String ruleName) {
        List<RuleRow> ruleRows = ruleRows();
        for (RuleRow row : ruleRows) {
            int nameColumn = row.kinds().stream().map(String::strip).toList().indexOf("NAME");
            if (nameColumn >= 0 && nameColumn < row.cells().size() && row.cells().get(nameColumn).strip().equals(ruleName)) {
                return Optional.of(row);
            }
        }
        // Without a NAME column Drools names a rule after its table and sheet row: "Table_12".
        int underscore = ruleName.lastIndexOf('_');
        if (underscore >= 0 && ruleName.substring(underscore + 1).matches("\\d+")) {
            int sheetRow = Integer.parseInt(ruleName.substring(underscore + 1));
            return ruleRows.stream().filter(r -> r.row() == sheetRow).findFirst();
        }
        return Optional.empty();
    }

    static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private List<String> row(int index) {
        return index < rows.size() ? rows.get(index) : List.of();
    }

    private String first(int index) {
        List<String> row = row(index);
        return row.isEmpty() ? "" : row.getFirst().strip();
    }

    private boolean blank(int index) {
        return row(index).stream().allMatch(c -> c.strip().isEmpty());
    }
}
