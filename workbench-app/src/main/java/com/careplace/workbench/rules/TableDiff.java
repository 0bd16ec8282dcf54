package com.careplace.workbench.rules;

import java.util.List;
import java.util.Optional;

/**
 * The difference of two versions of a decision table over the whole sheet, as a reviewer reads it: the
 * rule set settings (RuleSet, Import, Variables, Functions, Notes …), the columns (header kind, pattern,
 * code, title; added, removed, moved), the rule rows (added, removed, changed cell by cell) and their
 * order, which is firing order. What the structure cannot express asks for the sheet's text diff, so
 * two different texts never compare as "no change".
 *
 * <p>Columns are paired by kind and title, then by their code, then by title, then by position; rules by
 * name (the NAME column), then by identical content (a renamed rule), then, for unnamed rules, by position.
 *
 * @param settings settings changed, added or removed, and a renamed table
 * @param columns  columns added, removed, changed or moved
 * @param rows     rule rows added, removed or changed (a moved rule is in {@code order}, not here)
 * @param order    rules whose place in the firing order changed
 * @param text     when present, why the reviewer must read the sheet's text diff too (or instead)
 */
public record TableDiff(List<SettingChange> settings, List<ColumnChange> columns, List<RowChange> rows, List<RowMove> order,
                        Optional<String> text) {

    /** What happened to a setting, column or rule row. */
    public enum Kind { ADDED, REMOVED, CHANGED, MOVED }

    /**
     * A keyword row above the table, or the table's name.
     *
     * @param kind    added, removed or changed
     * @param keyword as the sheet writes it: RuleSet, Import, Variables, Functions, Notes, … or RuleTable
     * @param before  old value; empty when added
     * @param after   new value; empty when removed
     */
    public record SettingChange(Kind kind, String keyword, String before, String after) {
    }

    /** The rows that define a column, above the rules. */
    public enum Part {
        HEADER("Header"), PATTERN("Pattern"), CODE("Code"), TITLE("Title");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        /** As the review screen names it. */
        public String label() {
            return label;
        }
    }

    /**
     * One changed definition row of a column.
     *
     * @param part   header kind, pattern (object type), code or title
     * @param before old content; empty when added
     * @param after  new content; empty when removed
     */
    public record PartChange(Part part, String before, String after) {
    }

    /**
     * One column added, removed, changed or moved.
     *
     * @param kind      added, removed, changed (a part differs; it may have moved too) or moved (only)
     * @param title     the column's title (its kind when it has none), new where it has one
     * @param oldColumn column letter in the old version; empty when added
     * @param newColumn column letter in the new version; empty when removed
     * @param moved     whether it changed its place among the other columns (condition and action order)
     * @param parts     the parts that differ; every filled part of an added or removed column
     */
    public record ColumnChange(Kind kind, String title, String oldColumn, String newColumn, boolean moved, List<PartChange> parts) {
    }

    /**
     * One changed cell.
     *
     * @param column  column letter
     * @param heading the column's heading
     * @param before  old content
     * @param after   new content
     */
    public record CellChange(String column, String heading, String before, String after) {
    }

    /**
     * One changed rule row.
     *
     * @param kind    added, removed or changed
     * @param rule    the rule's name
     * @param oldRow  sheet row in the old version; 0 when added
     * @param newRow  sheet row in the new version; 0 when removed
     * @param cells   the changed cells (every filled cell for added and removed rows)
     * @param oldRule the rule's number in its table (1 for the first rule) in the old version; 0 when added
     * @param newRule its number in the new version; 0 when removed
     */
    public record RowChange(Kind kind, String rule, int oldRow, int newRow, List<CellChange> cells, int oldRule, int newRule) {
    }

    /**
     * A rule that changed its place in the firing order.
     *
     * @param rule the rule's name
     * @param from 1-based position among the table's rules in the old version
     * @param to   1-based position in the new version
     */
    public record RowMove(String rule, int from, int to) {
    }

    /** True only when the two texts are identical. */
    public boolean isEmpty() {
        return settings.isEmpty() && columns.isEmpty() && rows.isEmpty() && order.isEmpty() && text.isEmpty();
    }

    /** The difference of two {@code .drl.csv} texts. */
    public static TableDiff between(String oldCsv, String newCsv) {
        if (oldCsv.equals(newCsv)) {
            return new TableDiff(List.of(), List.of(), List.of(), List.of(), Optional.empty());
        }
        SheetReading before = SheetLayout.read(oldCsv);
        SheetReading after = SheetLayout.read(newCsv);
        if (before instanceof SheetReading.Unreadable unreadable) {
            return textOnly("The old version cannot be read as one decision table: " + unreadable.why() + ".");
        }
        if (after instanceof SheetReading.Unreadable unreadable) {
            return textOnly("The new version cannot be read as one decision table: " + unreadable.why() + ".");
        }
        SheetLayout old = (SheetLayout) before;
        SheetLayout now = (SheetLayout) after;
        SheetComparison comparison = new SheetComparison(old, now);
        TableDiff structured = new TableDiff(comparison.settings(), comparison.columns(), comparison.rows(), comparison.order(),
                Optional.empty());
        if (!old.outside().equals(now.outside())) {
            return structured.withText("Text outside the rule table changed (cells beside or below it, or after a setting's value): "
                    + "the table view does not show it.");
        }
        if (structured.isEmpty()) {
            // The texts differ, so something must be shown: never "no change" for a changed sheet.
            return structured.withText(oldCsv.replace("\r\n", "\n").equals(newCsv.replace("\r\n", "\n"))
                    ? "Only line endings differ."
                    : "The table view finds no change; the texts still differ (spacing, quoting, empty cells or blank rows).");
        }
        return structured;
    }

    private static TableDiff textOnly(String why) {
        return new TableDiff(List.of(), List.of(), List.of(), List.of(), Optional.of(why));
    }

    private TableDiff withText(String why) {
        return new TableDiff(settings, columns, rows, order, Optional.of(why));
    }
}
