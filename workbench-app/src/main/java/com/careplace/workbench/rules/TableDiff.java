package com.careplace.workbench.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cell-by-cell difference of two versions of a decision table, as a reviewer reads it: rules (rows)
 * added, removed or changed, and for changed rows which cells changed. Rows are matched by rule name
 * (the NAME column), so reordering alone is not a change of content.
 */
public final class TableDiff {

    private TableDiff() {
    }

    /** What happened to a rule row. */
    public enum Kind { ADDED, REMOVED, CHANGED }

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
     */
    public record RowChange(Kind kind, String rule, int oldRow, int newRow, List<CellChange> cells) {
    }

    public static List<RowChange> between(String oldCsv, String newCsv) {
        Map<String, DecisionTableSheet.RuleRow> before = byRule(DecisionTableSheet.parse(oldCsv));
        Map<String, DecisionTableSheet.RuleRow> after = byRule(DecisionTableSheet.parse(newCsv));
        List<RowChange> changes = new ArrayList<>();
        before.forEach((rule, old) -> {
            DecisionTableSheet.RuleRow now = after.get(rule);
            if (now == null) {
                changes.add(new RowChange(Kind.REMOVED, rule, old.row(), 0, cells(old, null)));
            } else {
                List<CellChange> cells = cells(old, now);
                if (!cells.isEmpty()) {
                    changes.add(new RowChange(Kind.CHANGED, rule, old.row(), now.row(), cells));
                }
            }
        });
        after.forEach((rule, now) -> {
            if (!before.containsKey(rule)) {
                changes.add(new RowChange(Kind.ADDED, rule, 0, now.row(), cells(null, now)));
            }
        });
        return changes;
    }

    private static Map<String, DecisionTableSheet.RuleRow> byRule(DecisionTableSheet sheet) {
        Map<String, DecisionTableSheet.RuleRow> rows = new LinkedHashMap<>();
        for (DecisionTableSheet.RuleRow row : sheet.ruleRows()) {
            int name = row.kinds().stream().map(String::strip).toList().indexOf("NAME");
            String rule = name >= 0 && name < row.cells().size() && !row.cells().get(name).isBlank()
                    ? row.cells().get(name).strip() : "row " + row.row();
            rows.put(rule, row);
        }
        return rows;
    }

    private static List<CellChange> cells(DecisionTableSheet.RuleRow old, DecisionTableSheet.RuleRow now) {
        DecisionTableSheet.RuleRow layout = now != null ? now : old;
        int width = Math.max(old == null ? 0 : old.cells().size(), now == null ? 0 : now.cells().size());
        List<CellChange> cells = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String before = old == null || i >= old.cells().size() ? "" : old.cells().get(i).strip();
            String after = now == null || i >= now.cells().size() ? "" : now.cells().get(i).strip();
            if (!before.equals(after)) {
                cells.add(new CellChange(DecisionTableSheet.columnLetter(i), layout.heading(i), before, after));
            }
        }
        return cells;
    }
}
