package com.careplace.workbench.review.ui;

import com.careplace.workbench.base.LineDiff;
import com.careplace.workbench.rules.TableDiff;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;

/**
 * A decision-table diff on the review screen: one short section per part of the sheet that changed
 * (rule set settings, columns, rules, order) with old and new values, and the sheet's text diff when the
 * table view cannot tell everything.
 */
final class TableDiffView {

    private TableDiffView() {
    }

    static Component of(TableDiff diff, String before, String after) {
        Div wrapper = new Div();
        wrapper.addClassName("cell-diff");
        if (diff.isEmpty()) {
            wrapper.add(new Span("No change to the table."));
            return wrapper;
        }
        if (!diff.settings().isEmpty()) {
            Div section = section(wrapper, "Rule set settings", "settings-diff");
            diff.settings().forEach(change -> section.add(setting(change)));
        }
        if (!diff.columns().isEmpty()) {
            Div section = section(wrapper, "Columns", "columns-diff");
            if (diff.columns().stream().anyMatch(TableDiff.ColumnChange::moved)) {
                section.add(note("Each rule gets its conditions and actions in column order."));
            }
            diff.columns().forEach(change -> section.add(column(change)));
        }
        if (!diff.rows().isEmpty()) {
            Div section = section(wrapper, "Rules", "rules-diff");
            diff.rows().forEach(change -> section.add(row(change)));
        }
        if (!diff.order().isEmpty()) {
            Div section = section(wrapper, "Order", "order-diff");
            // Why order is shown at all: reviewers read it as layout, Drools as firing order.
            section.add(note("Rules that match alike fire in table order."));
            diff.order().forEach(move -> section.add(move(move)));
        }
        diff.text().ifPresent(why -> {
            Div section = section(wrapper, "Sheet text", "text-diff");
            section.add(note(why + " The whole sheet, line by line:"), AssetDiff.sideBySide(LineDiff.between(before, after)));
        });
        return wrapper;
    }

    private static Div section(Div wrapper, String title, String className) {
        Div section = new Div(new H4(title));
        section.addClassNames("diff-part", className);
        wrapper.add(section);
        return section;
    }

    private static Span note(String text) {
        Span note = new Span(text);
        note.addClassName("diff-note");
        return note;
    }

    private static Component setting(TableDiff.SettingChange change) {
        Div line = new Div(badge(change.kind()), new Span(" " + change.keyword() + ": "));
        values(line, change.kind(), change.before(), change.after());
        line.addClassName("setting-change");
        return line;
    }

    private static Component column(TableDiff.ColumnChange change) {
        Span title = new Span(" " + change.title());
        title.addClassName("column-title");
        Span where = new Span(" " + switch (change.kind()) {
            case ADDED -> "column " + position(change.newColumn());
            case REMOVED -> "column " + position(change.oldColumn());
            default -> change.moved() ? "moved from column " + position(change.oldColumn()) + " to " + position(change.newColumn())
                    : change.oldColumn().equals(change.newColumn()) ? "column " + position(change.newColumn())
                    : "column " + position(change.oldColumn()) + " → " + position(change.newColumn());
        });
        where.addClassName("column-letter");
        Div column = new Div(new Div(badge(change.kind()), title, where));
        column.addClassName("column-change");
        for (TableDiff.PartChange part : change.parts()) {
            Div line = new Div(new Span(part.part().label() + ": "));
            values(line, change.kind(), part.before(), part.after());
            line.addClassName("part-change");
            if (part.part() == TableDiff.Part.PATTERN || part.part() == TableDiff.Part.CODE) {
                // Code is read line against line, in monospace, not inline.
                line.addClassName("code");
            }
            column.add(line);
        }
        return column;
    }

    /** A spreadsheet column letter as the column's place from the left, counted as people count: {@code C} is 3. */
    private static int position(String letters) {
        int n = 0;
        for (char ch : letters.toCharArray()) {
            n = n * 26 + (ch - 'A' + 1);
        }
        return n;
    }

    private static Component row(TableDiff.RowChange change) {
        Div row = new Div();
        row.addClassName("row-change");
        // Rules numbered as the grid numbers them (1 for the first rule), not by spreadsheet row.
        String rows = change.kind() == TableDiff.Kind.ADDED ? "rule " + change.newRule()
                : change.kind() == TableDiff.Kind.REMOVED ? "rule " + change.oldRule()
                : change.oldRule() == change.newRule() ? "rule " + change.newRule() : "rule " + change.oldRule() + " → " + change.newRule();
        Span title = new Span(" " + change.rule() + " (" + rows + ")");
        title.addClassName("rule-name");
        row.add(new Div(badge(change.kind()), title));
        for (TableDiff.CellChange cell : change.cells()) {
            // The heading says which column; the spreadsheet letter stays in a tooltip for those who export to Excel.
            Span heading = new Span(cell.heading());
            heading.getElement().setAttribute("title", "spreadsheet column " + cell.column());
            Div line = new Div(heading, new Span(": "));
            values(line, change.kind(), cell.before(), cell.after());
            line.addClassName("cell-change");
            row.add(line);
        }
        return row;
    }

    private static Component move(TableDiff.RowMove move) {
        Span rule = new Span(move.rule());
        rule.addClassName("rule-name");
        Div line = new Div(badge(TableDiff.Kind.MOVED), new Span(" "), rule,
                new Span(" moved from position " + move.from() + " to " + move.to()));
        line.addClassName("row-move");
        return line;
    }

    /** Old value struck through, new value bold; only the side that exists for an added or removed item. */
    private static void values(Div line, TableDiff.Kind kind, String before, String after) {
        if (kind != TableDiff.Kind.ADDED) {
            line.add(value(before, "before"));
        }
        if (kind != TableDiff.Kind.ADDED && kind != TableDiff.Kind.REMOVED) {
            Span arrow = new Span(" → ");
            arrow.addClassName("arrow");
            line.add(arrow);
        }
        if (kind != TableDiff.Kind.REMOVED) {
            line.add(value(after, "after"));
        }
    }

    private static Span value(String text, String className) {
        Span value = new Span(text.isEmpty() ? "(empty)" : text);
        value.addClassName(className);
        return value;
    }

    private static Span badge(TableDiff.Kind kind) {
        Span badge = new Span(kind.name().toLowerCase());
        badge.getElement().getThemeList().add("badge small " + switch (kind) {
            case ADDED -> "success";
            case REMOVED -> "error";
            case CHANGED -> "";
            case MOVED -> "contrast";
        });
        return badge;
    }
}
