package com.careplace.workbench.rules;

import com.careplace.workbench.rules.SheetLayout.Column;
import com.careplace.workbench.rules.SheetLayout.Rule;
import com.careplace.workbench.rules.SheetLayout.Setting;
import com.careplace.workbench.rules.TableDiff.CellChange;
import com.careplace.workbench.rules.TableDiff.ColumnChange;
import com.careplace.workbench.rules.TableDiff.Kind;
import com.careplace.workbench.rules.TableDiff.Part;
import com.careplace.workbench.rules.TableDiff.PartChange;
import com.careplace.workbench.rules.TableDiff.RowChange;
import com.careplace.workbench.rules.TableDiff.RowMove;
import com.careplace.workbench.rules.TableDiff.SettingChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** Two {@link SheetLayout}s part by part: the pairing of columns and rules, and what differs between the pairs. */
final class SheetComparison {

    private final SheetLayout old;
    private final SheetLayout now;
    private final Matching columnPairs;
    private final Matching rulePairs;

    SheetComparison(SheetLayout old, SheetLayout now) {
        this.old = old;
        this.now = now;
        List<Column> a = old.columns();
        List<Column> b = now.columns();
        // Surest first: the same title under the same kind; a renamed column keeps its code; a column whose
        // kind changed keeps its title; what is left pairs by position (a column rewritten in place).
        columnPairs = new Matching(a.size(), b.size())
                .byKey(a, b, c -> c.title().isEmpty() ? null : c.kind().toUpperCase(Locale.ROOT) + "\u0000" + c.title())
                .byKey(a, b, c -> c.code().isEmpty() ? null : c.kind().toUpperCase(Locale.ROOT) + "\u0000" + c.pattern() + "\u0000" + c.code())
                .byKey(a, b, c -> c.title().isEmpty() ? null : c.title())
                .byKey(a, b, c -> String.valueOf(c.index()));
        // A rule is its name (Drools' identity); a renamed rule keeps its cells; unnamed rules, which Drools
        // names after their row, pair by position.
        rulePairs = new Matching(old.rules().size(), now.rules().size())
                .byKey(old.rules(), now.rules(), r -> r.name().isEmpty() ? null : r.name())
                .byKey(old.rules(), r -> content(r, true), now.rules(), r -> content(r, false))
                .byKey(old.rules(), now.rules(), r -> r.name().isEmpty() ? "#" + r.position() : null);
    }

    /** Keyword rows paired by keyword (Drools ignores its case), the k-th Import with the k-th Import; and the table's name. */
    List<SettingChange> settings() {
        Map<String, List<Setting>> before = byKeyword(old.settings());
        Map<String, List<Setting>> after = byKeyword(now.settings());
        List<String> keywords = new ArrayList<>(before.keySet());
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(keywords::add);
        List<SettingChange> changes = new ArrayList<>();
        for (String keyword : keywords) {
            List<Setting> a = before.getOrDefault(keyword, List.of());
            List<Setting> b = after.getOrDefault(keyword, List.of());
            for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
                if (k >= b.size()) {
                    changes.add(new SettingChange(Kind.REMOVED, a.get(k).keyword(), a.get(k).value(), ""));
                } else if (k >= a.size()) {
                    changes.add(new SettingChange(Kind.ADDED, b.get(k).keyword(), "", b.get(k).value()));
                } else if (!a.get(k).value().equals(b.get(k).value())) {
                    changes.add(new SettingChange(Kind.CHANGED, b.get(k).keyword(), a.get(k).value(), b.get(k).value()));
                }
            }
        }
        if (!old.tableName().equals(now.tableName())) {
            changes.add(new SettingChange(Kind.CHANGED, "RuleTable", old.tableName(), now.tableName()));
        }
        return List.copyOf(changes);
    }

    /** Columns in their new order, then the removed ones. */
    List<ColumnChange> columns() {
        Set<Integer> moved = columnPairs.moved();
        List<ColumnChange> changes = new ArrayList<>();
        for (Column column : now.columns()) {
            int i = columnPairs.oldOf(column.index());
            if (i < 0) {
                changes.add(new ColumnChange(Kind.ADDED, column.label(), "", column.letter(), false, parts(null, column)));
                continue;
            }
            Column before = old.columns().get(i);
            List<PartChange> parts = parts(before, column);
            boolean wasMoved = moved.contains(i);
            if (!parts.isEmpty() || wasMoved) {
                changes.add(new ColumnChange(parts.isEmpty() ? Kind.MOVED : Kind.CHANGED, column.label(), before.letter(), column.letter(),
                        wasMoved, parts));
            }
        }
        for (Column column : old.columns()) {
            if (columnPairs.newOf(column.index()) < 0) {
                changes.add(new ColumnChange(Kind.REMOVED, column.label(), column.letter(), "", false, parts(column, null)));
            }
        }
        return List.copyOf(changes);
    }

    /** Removed and changed rules in old order, then added ones in new order. */
    List<RowChange> rows() {
        List<RowChange> changes = new ArrayList<>();
        for (int i = 0; i < old.rules().size(); i++) {
            Rule before = old.rules().get(i);
            int j = rulePairs.newOf(i);
            if (j < 0) {
                changes.add(new RowChange(Kind.REMOVED, before.label(), before.sheetRow(), 0, cells(before, null), before.position(), 0));
                continue;
            }
            Rule after = now.rules().get(j);
            List<CellChange> cells = cells(before, after);
            if (!cells.isEmpty()) {
                changes.add(new RowChange(Kind.CHANGED, after.label(), before.sheetRow(), after.sheetRow(), cells, before.position(),
                        after.position()));
            }
        }
        for (int j = 0; j < now.rules().size(); j++) {
            if (rulePairs.oldOf(j) < 0) {
                Rule after = now.rules().get(j);
                changes.add(new RowChange(Kind.ADDED, after.label(), 0, after.sheetRow(), cells(null, after), 0, after.position()));
            }
        }
        return List.copyOf(changes);
    }

    /** Rules that changed place in the firing order, in their new order. */
    List<RowMove> order() {
        Set<Integer> moved = rulePairs.moved();
        return IntStream.range(0, now.rules().size())
                .filter(j -> rulePairs.oldOf(j) >= 0 && moved.contains(rulePairs.oldOf(j)))
                .mapToObj(j -> new RowMove(now.rules().get(j).label(), old.rules().get(rulePairs.oldOf(j)).position(),
                        now.rules().get(j).position()))
                .toList();
    }

    private static Map<String, List<Setting>> byKeyword(List<Setting> settings) {
        Map<String, List<Setting>> byKeyword = new LinkedHashMap<>();
        settings.forEach(s -> byKeyword.computeIfAbsent(s.keyword().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s));
        return byKeyword;
    }

    private static List<PartChange> parts(Column before, Column after) {
        List<PartChange> parts = new ArrayList<>();
        part(parts, Part.HEADER, before == null ? "" : before.kind(), after == null ? "" : after.kind());
        part(parts, Part.PATTERN, before == null ? "" : before.pattern(), after == null ? "" : after.pattern());
        part(parts, Part.CODE, before == null ? "" : before.code(), after == null ? "" : after.code());
        part(parts, Part.TITLE, before == null ? "" : before.title(), after == null ? "" : after.title());
        return List.copyOf(parts);
    }

    private static void part(List<PartChange> parts, Part part, String before, String after) {
        if (!before.equals(after)) {
            parts.add(new PartChange(part, before, after));
        }
    }

    /**
     * The cells of a rule that differ, column by paired column: new columns in order, then removed ones.
     * A column that moved carries its cells along, so moving it changes no rule's cells.
     */
    private List<CellChange> cells(Rule before, Rule after) {
        List<CellChange> cells = new ArrayList<>();
        if (after != null) {
            for (Column column : now.columns()) {
                int i = columnPairs.oldOf(column.index());
                String was = before == null || i < 0 ? "" : before.cell(i);
                String is = after.cell(column.index());
                if (!was.equals(is)) {
                    cells.add(new CellChange(column.letter(), column.label(), was, is));
                }
            }
        }
        if (before != null) {
            for (Column column : old.columns()) {
                boolean gone = after == null || columnPairs.newOf(column.index()) < 0;
                String was = before.cell(column.index());
                if (gone && !was.isEmpty()) {
                    cells.add(new CellChange(column.letter(), column.label(), was, ""));
                }
            }
        }
        return List.copyOf(cells);
    }

    /** A rule's cells in the paired columns, in new column order, without its name: equal for a renamed rule. */
    private String content(Rule rule, boolean isOld) {
        StringBuilder key = new StringBuilder();
        for (Column column : now.columns()) {
            int i = columnPairs.oldOf(column.index());
            if (i >= 0 && !column.isName()) {
                key.append(isOld ? rule.cell(i) : rule.cell(column.index())).append('\u001f');
            }
        }
        // Without a paired column every rule would share the empty key: no pairing by content then.
        return key.isEmpty() ? null : key.toString();
    }
}
