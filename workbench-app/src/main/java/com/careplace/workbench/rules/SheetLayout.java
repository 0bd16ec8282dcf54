package com.careplace.workbench.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code .drl.csv} sheet as the parts Drools reads from it: the keyword rows above the table (RuleSet,
 * Import, Variables, Functions, Notes, Sequential …), one RuleTable with its columns (header kind,
 * pattern, code and title rows) and its rule rows in firing order. Cells are compared stripped, as Drools
 * trims them. Whatever else the sheet holds is kept as {@link #outside()}, so that a diff of two layouts
 * knows when it cannot tell the whole story.
 *
 * @param settings  keyword rows above the table, in sheet order
 * @param tableName the text after {@code RuleTable}
 * @param columns   the table's columns, left to right
 * @param rules     the rule rows, top to bottom (firing order)
 * @param outside   everything else with text in it, described without row numbers (so inserting a rule
 *                  does not make it differ)
 */
record SheetLayout(List<Setting> settings, String tableName, List<Column> columns, List<Rule> rules, List<String> outside)
        implements SheetReading {

    private static final String RULE_TABLE = "ruletable";
    /** RuleTable, then the rows of column kinds, object types (patterns), code snippets and titles. */
    private static final int HEADER_ROWS = 4;

    /**
     * A keyword row: Drools takes the first filled cell as the keyword and the next as its value.
     *
     * @param keyword as written (Drools ignores its case)
     * @param value   the value, stripped; empty when the row has none
     */
    record Setting(String keyword, String value) {
    }

    /**
     * One column of the table.
     *
     * @param index   0-based
     * @param kind    the header row: NAME, CONDITION, ACTION, PRIORITY …
     * @param pattern the object-type row (the pattern a condition constrains)
     * @param code    the code (snippet) row, with {@code $param} for the rule's cell
     * @param title   the title row, what authors read
     */
    record Column(int index, String kind, String pattern, String code, String title) {

        String letter() {
            return DecisionTableSheet.columnLetter(index);
        }

        /** The title, or the kind when the column has none. */
        String label() {
            return title.isEmpty() ? kind : title;
        }

        boolean isName() {
            return kind.equalsIgnoreCase("NAME");
        }
    }

    /**
     * One rule row.
     *
     * @param position 1-based position among the table's rules
     * @param sheetRow 1-based sheet row
     * @param name     the NAME cell; empty when the table has no NAME column or the cell is empty
     * @param cells    one stripped cell per column
     */
    record Rule(int position, int sheetRow, String name, List<String> cells) {

        String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }

        /** How a reviewer finds the rule: its name, else its sheet row. */
        String label() {
            return name.isEmpty() ? "row " + sheetRow : name;
        }
    }

    /** Reads a sheet with Drools' CSV rules. */
    static SheetReading read(String csv) {
        List<List<String>> rows = DecisionTableSheet.parse(csv).rows().stream()
                .map(row -> row.stream().map(String::strip).toList()).toList();
        int table = -1;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (rows.get(r).get(c).toLowerCase(Locale.ROOT).startsWith(RULE_TABLE)) {
                    if (table >= 0) {
                        return new SheetReading.Unreadable("it has more than one RuleTable (rows " + (table + 1) + " and " + (r + 1) + ")");
                    }
                    if (c > 0) {
                        return new SheetReading.Unreadable("its RuleTable does not start in column A");
                    }
                    table = r;
                }
            }
        }
        if (table < 0) {
            return new SheetReading.Unreadable("it has no RuleTable");
        }
        if (table + HEADER_ROWS >= rows.size()) {
            return new SheetReading.Unreadable("its RuleTable lacks the header, pattern, code and title rows");
        }
        List<String> outside = new ArrayList<>();
        List<Setting> settings = settings(rows.subList(0, table), outside);
        List<String> ruleTableRow = rows.get(table);
        String name = ruleTableRow.getFirst().substring(RULE_TABLE.length()).strip();
        filled(ruleTableRow.subList(1, ruleTableRow.size())).forEach(cell -> outside.add("beside RuleTable: " + cell));

        int firstRule = table + HEADER_ROWS + 1;
        int end = firstRule;
        while (end < rows.size() && !filled(rows.get(end)).isEmpty()) {
            end++;
        }
        List<List<String>> header = rows.subList(table + 1, firstRule);
        List<List<String>> ruleRows = rows.subList(firstRule, end);
        int width = 0;
        for (List<String> row : rows.subList(table + 1, end)) {
            width = Math.max(width, lastFilled(row) + 1);
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            columns.add(new Column(c, cell(header.get(0), c), cell(header.get(1), c), cell(header.get(2), c), cell(header.get(3), c)));
        }
        int nameColumn = columns.stream().filter(Column::isName).mapToInt(Column::index).findFirst().orElse(-1);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < ruleRows.size(); i++) {
            List<String> row = ruleRows.get(i);
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                cells.add(cell(row, c));
            }
            rules.add(new Rule(i + 1, firstRule + i + 1, nameColumn < 0 ? "" : cell(row, nameColumn), List.copyOf(cells)));
        }
        // Below the blank row that ends the table Drools reads keyword rows again: nothing there is modelled.
        for (List<String> row : rows.subList(end, rows.size())) {
            if (!filled(row).isEmpty()) {
                outside.add("below the table: " + String.join(" | ", filled(row)));
            }
        }
        return new SheetLayout(List.copyOf(settings), name, List.copyOf(columns), List.copyOf(rules), List.copyOf(outside));
    }

    private static List<Setting> settings(List<List<String>> rows, List<String> outside) {
        List<Setting> settings = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> filled = filled(row);
            if (filled.isEmpty()) {
                continue;
            }
            settings.add(new Setting(filled.getFirst(), filled.size() > 1 ? filled.get(1) : ""));
            // Drools ignores cells after the value; a change there changes nothing it reads, but is still shown.
            filled.subList(Math.min(2, filled.size()), filled.size())
                    .forEach(cell -> outside.add(filled.getFirst() + " row, after its value: " + cell));
        }
        return settings;
    }

    private static List<String> filled(List<String> row) {
        return row.stream().filter(cell -> !cell.isEmpty()).toList();
    }

    private static int lastFilled(List<String> row) {
        for (int c = row.size() - 1; c >= 0; c--) {
            if (!row.get(c).isEmpty()) {
                return c;
            }
        }
        return -1;
    }

    private static String cell(List<String> row, int column) {
        return column < row.size() ? row.get(column) : "";
    }
}
