package com.careplace.workbench.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A decision table being edited as a grid: the sheet's rows, with each RuleTable's rule rows open to
 * editing (cells, adding, removing, reordering) and everything else (RuleSet, imports, the column
 * definitions) kept exactly as it was. Written back in the Drools CSV format it was read from.
 */
public final class DecisionTableDraft {

    private final List<Block> blocks;

    private DecisionTableDraft(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Reads a {@code .drl.csv} sheet with Drools' own CSV rules. */
    public static DecisionTableDraft parse(String csv) {
        List<List<String>> rows = DecisionTableSheet.parse(csv).rows();
        List<Block> blocks = new ArrayList<>();
        List<List<String>> fixed = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            List<String> row = rows.get(i);
            fixed.add(row);
            if (!row.isEmpty() && row.getFirst().strip().startsWith("RuleTable") && i + 4 < rows.size()) {
                // RuleTable, column kinds, object types, code snippets, headings: then one rule per row.
                fixed.addAll(rows.subList(i + 1, i + 5));
                blocks.add(new Fixed(fixed));
                fixed = new ArrayList<>();
                RuleTable table = new RuleTable(row.getFirst().strip().substring("RuleTable".length()).strip(),
                        rows.get(i + 1), rows.get(i + 2), rows.get(i + 3), rows.get(i + 4), new ArrayList<>());
                int r = i + 5;
                for (; r < rows.size() && !blank(rows.get(r)) && !rows.get(r).getFirst().strip().startsWith("RuleTable"); r++) {
                    table.rows().add(new ArrayList<>(rows.get(r)));
                }
                blocks.add(table);
                i = r;
                continue;
            }
            i++;
        }
        blocks.add(new Fixed(fixed));
        return new DecisionTableDraft(blocks);
    }

    /** The sheet's rule tables, in order; their {@link RuleTable#rows()} are live and editable. */
    public List<RuleTable> tables() {
        return blocks.stream().filter(RuleTable.class::isInstance).map(RuleTable.class::cast).toList();
    }

    /** The 1-based sheet row of a table's rule row (as compile problems and Excel number them). */
    public int sheetRow(RuleTable table, int index) {
        int row = 0;
        for (Block block : blocks) {
            if (block == table) {
                return row + index + 1;
            }
            row += block.rows().size();
        }
        throw new IllegalArgumentException("not a table of this sheet");
    }

    /**
     * Every rule cell whose value its column does not take ({@link ColumnValues}), located as compile
     * problems are: the sheet row and the column letter.
     */
    public List<CellProblem> cellProblems(com.careplace.placement.vocabulary.Vocabulary vocabulary) {
        List<CellProblem> found = new ArrayList<>();
        for (RuleTable table : tables()) {
            for (int c = 0; c < table.width(); c++) {
                ColumnValues values = table.values(c, vocabulary);
                for (int r = 0; r < table.rows().size(); r++) {
                    List<String> cells = table.rows().get(r);
                    String value = c < cells.size() ? cells.get(c) : "";
                    int column = c;
                    int row = sheetRow(table, r);
                    values.problem(value).ifPresent(message -> found.add(
                            new CellProblem(row, column, table.heading(column), value.strip(), message)));
                }
            }
        }
        return found;
    }

    /**
     * A rule cell holding what its column does not take.
     *
     * @param row     1-based sheet row
     * @param column  0-based column
     * @param heading the column's heading
     * @param value   the cell's content
     * @param message what is wrong and what is allowed
     */
    public record CellProblem(int row, int column, String heading, String value, String message) {
    }

    /** Every row of the sheet as it stands, for showing what the grid cannot edit (read-only copies). */
    public List<List<String>> sheetRows() {
        List<List<String>> all = new ArrayList<>();
        blocks.forEach(b -> b.rows().forEach(row -> all.add(List.copyOf(row))));
        return List.copyOf(all);
    }

    /** The sheet as Drools CSV. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        blocks.forEach(b -> all.addAll(b.rows()));
        for (int r = 0; r < all.size(); r++) {
            if (r > 0) {
                csv.append('\n');
            }
            csv.append(csvRow(all.get(r)));
        }
        return csv.toString();
    }

    /** One row of a Drools CSV sheet, cells quoted where Drools' reader needs it. */
    static String csvRow(List<String> cells) {
        return String.join(",", cells.stream().map(DecisionTableDraft::quote).toList());
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r") || !cell.equals(cell.strip())) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(c -> c.strip().isEmpty());
    }

    private sealed interface Block permits Fixed, RuleTable {
        List<List<String>> rows();
    }

    private record Fixed(List<List<String>> rows) implements Block {
    }

    /**
     * One RuleTable: its column kinds ({@code NAME}, {@code CONDITION}, {@code ACTION}), the headings
     * authors read, and its rule rows.
     *
     * @param name        the table's name after {@code RuleTable}
     * @param kinds       column kinds
     * @param objectTypes the fact each condition column matches ({@code Assessment}), empty for actions
     * @param code        each column's code, {@code $param} where the cell goes
     * @param headings    column headings
     * @param rows        rule rows, one list of cells each; edit in place
     */
    public record RuleTable(String name, List<String> kinds, List<String> objectTypes, List<String> code, List<String> headings,
                            List<List<String>> rows) implements Block {

        /** The kind of a column ({@code NAME}, {@code CONDITION}, {@code ACTION} …), empty when it has none. */
        public String kind(int column) {
            return column < kinds.size() ? kinds.get(column).strip() : "";
        }

        /** What the cells of a column may hold, read from its code. */
        public ColumnValues values(int column, com.careplace.placement.vocabulary.Vocabulary vocabulary) {
            String objectType = "";
            // A condition without its own object type continues the one on its left (a merged cell in Excel).
            for (int c = column; c >= 0 && kind(c).startsWith("CONDITION") && objectType.isEmpty(); c--) {
                objectType = c < objectTypes.size() ? objectTypes.get(c).strip() : "";
            }
            return ColumnValues.of(kind(column), objectType, column < code.size() ? code.get(column) : "", vocabulary);
        }

        /** Number of columns rule rows have. */
        public int width() {
            return Math.max(kinds.size(), headings.size());
        }

        /** The heading of a column, or its kind when the heading is empty. */
        public String heading(int column) {
            String heading = column < headings.size() ? headings.get(column).strip() : "";
            return heading.isEmpty() && column < kinds.size() ? kinds.get(column).strip() : heading;
        }

        /**
         * A new column at {@code at}: its kind, object type, code and heading, and an empty cell in every rule row.
         * The header rows are the sheet's own, so the column is written back with the table.
         */
        public void insertColumn(int at, String kind, String objectType, String columnCode, String heading) {
            List<List<String>> header = List.of(kinds, objectTypes, code, headings);
            List<String> values = List.of(kind, objectType, columnCode, heading);
            int width = width();
            for (int h = 0; h < header.size(); h++) {
                pad(header.get(h), width);
                header.get(h).add(at, values.get(h));
            }
            for (List<String> row : rows) {
                pad(row, width);
                row.add(at, "");
            }
        }

        /** Removes a column with its header and every rule's cell in it. */
        public void removeColumn(int column) {
            for (List<String> row : List.of(kinds, objectTypes, code, headings)) {
                if (column < row.size()) {
                    row.remove(column);
                }
            }
            for (List<String> row : rows) {
                if (column < row.size()) {
                    row.remove(column);
                }
            }
        }

        /** Swaps a column with its neighbour ({@code by} −1 or +1), header and cells. */
        public void moveColumn(int column, int by) {
            int to = column + by;
            if (to < 0 || to >= width()) {
                return;
            }
            int width = width();
            for (List<String> row : java.util.stream.Stream.concat(java.util.stream.Stream.of(kinds, objectTypes, code, headings),
                    rows.stream()).toList()) {
                pad(row, width);
                java.util.Collections.swap(row, column, to);
            }
        }

        /** Sets a column's header part (kind, object type, code or heading). */
        public void setHeader(List<String> part, int column, String value) {
            pad(part, column + 1);
            part.set(column, value);
        }

        private static void pad(List<String> row, int width) {
            while (row.size() < width) {
                row.add("");
            }
        }

        /** A new, empty rule row inserted at {@code index}. */
        public List<String> insertRow(int index) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < width(); c++) {
                row.add("");
            }
            rows.add(index, row);
            return row;
        }

        /** Moves a rule row up ({@code -1}) or down ({@code +1}); rule order is firing order for equal salience. */
        public void move(List<String> row, int by) {
            int from = indexOf(row);
            int to = from + by;
            if (from < 0 || to < 0 || to >= rows.size()) {
                return;
            }
            rows.remove(from);
            rows.add(to, row);
        }

        /** Position of a row by identity (rows with the same content are still different rules). */
        public int indexOf(List<String> row) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) == row) {
                    return i;
                }
            }
            return -1;
        }
    }
}
