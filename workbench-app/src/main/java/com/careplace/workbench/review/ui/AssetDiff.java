package com.careplace.workbench.review.ui;

import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.TableDiff;
import com.careplace.workbench.base.LineDiff;
import com.vaadin.flow.component.Component;
import com.careplace.placement.vocabulary.Vocabulary;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change request did to one asset: DRL and suites as a side-by-side line diff (unchanged runs
 * folded), decision tables part by part ({@link TableDiffView}), vocabulary files entry by entry.
 */
final class AssetDiff {

    private static final int CONTEXT = 3;

    private AssetDiff() {
    }

    static Component of(String path, String before, String after) {
        if (new RuleAsset(path, after).kind() == RuleAsset.Kind.DECISION_TABLE) {
            return TableDiffView.of(TableDiff.between(before, after), before, after);
        }
        if (new RuleAsset(path, after).kind() == RuleAsset.Kind.VOCABULARY) {
            return vocabulary(Vocabulary.Part.ofPath(path).orElseThrow(), before, after);
        }
        return sideBySide(LineDiff.between(before, after));
    }

    /** A vocabulary file entry by entry (added, removed, changed, reordered), then its lines: every byte stays visible. */
    static Component vocabulary(Vocabulary.Part part, String before, String after) {
        Map<String, List<String>> old = byCode(Vocabulary.cells(before));
        Map<String, List<String>> now = byCode(Vocabulary.cells(after));
        Div entries = new Div();
        entries.addClassName("vocabulary-diff");
        now.forEach((code, cells) -> {
            if (!old.containsKey(code)) {
                entries.add(entry("added", "success", code, describe(part, cells)));
            } else if (!old.get(code).equals(cells)) {
                entries.add(entry("changed", "", code, describe(part, old.get(code)) + "  →  " + describe(part, cells)));
            }
        });
        old.forEach((code, cells) -> {
            if (!now.containsKey(code)) {
                entries.add(entry("removed", "error", code, describe(part, cells)));
            }
        });
        List<String> kept = now.keySet().stream().filter(old::containsKey).toList();
        if (!kept.equals(old.keySet().stream().filter(now::containsKey).toList())) {
            entries.add(entry("reordered", "contrast", part.title(), String.join(", ", now.keySet())));
        }
        Div wrapper = new Div(entries, sideBySide(LineDiff.between(before, after)));
        wrapper.addClassName("vocabulary-change");
        return wrapper;
    }

    private static Map<String, List<String>> byCode(List<List<String>> rows) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        rows.forEach(row -> entries.putIfAbsent(row.isEmpty() ? "" : row.getFirst(), row));
        return entries;
    }

    private static String describe(Vocabulary.Part part, List<String> cells) {
        List<String> shown = new ArrayList<>();
        for (int i = 1; i < cells.size() && i < part.columns().size(); i++) {
            if (!cells.get(i).isBlank()) {
                shown.add(part.columns().get(i) + ": " + cells.get(i));
            }
        }
        return String.join(" · ", shown);
    }

    private static Div entry(String what, String theme, String code, String detail) {
        Span badge = new Span(what);
        badge.getElement().getThemeList().add("badge small" + (theme.isEmpty() ? "" : " " + theme));
        Span name = new Span(" " + code + " ");
        name.addClassName("vocabulary-code");
        Div line = new Div(badge, name, new Span(detail));
        line.addClassName("vocabulary-entry-change");
        return line;
    }

    static Component sideBySide(List<LineDiff.Line> lines) {
        Div wrapper = new Div();
        wrapper.addClassName("diff");
        Element table = new Element("table");
        table.getClassList().add("diff-table");
        // A fixed table takes column widths from its first row, often a folded run: declare them instead.
        Element columns = new Element("colgroup");
        for (String kind : new String[] {"num", "text", "num", "text"}) {
            Element column = new Element("col");
            column.getClassList().add(kind);
            columns.appendChild(column);
        }
        table.appendChild(columns);
        for (int i = 0; i < lines.size(); i++) {
            LineDiff.Line line = lines.get(i);
            if (line.kind() == LineDiff.Kind.KEPT && !nearChange(lines, i)) {
                int skipped = 0;
                while (i < lines.size() && lines.get(i).kind() == LineDiff.Kind.KEPT && !nearChange(lines, i)) {
                    skipped++;
                    i++;
                }
                i--;
                Element row = new Element("tr");
                Element cell = new Element("td").setAttribute("colspan", "4").setText("⋯ " + skipped + " unchanged lines");
                cell.getClassList().add("folded");
                table.appendChild(row.appendChild(cell));
                continue;
            }
            Element row = new Element("tr");
            boolean left = line.kind() != LineDiff.Kind.ADDED;
            boolean right = line.kind() != LineDiff.Kind.REMOVED;
            row.appendChild(num(left ? line.oldLine() : 0), text(left ? line.text() : "", line.kind() == LineDiff.Kind.REMOVED ? "removed" : ""),
                    num(right ? line.newLine() : 0), text(right ? line.text() : "", line.kind() == LineDiff.Kind.ADDED ? "added" : ""));
            table.appendChild(row);
        }
        wrapper.getElement().appendChild(table);
        return wrapper;
    }

    private static boolean nearChange(List<LineDiff.Line> lines, int index) {
        for (int j = Math.max(0, index - CONTEXT); j <= Math.min(lines.size() - 1, index + CONTEXT); j++) {
            if (lines.get(j).kind() != LineDiff.Kind.KEPT) {
                return true;
            }
        }
        return false;
    }

    private static Element num(int line) {
        Element cell = new Element("td").setText(line == 0 ? "" : String.valueOf(line));
        cell.getClassList().add("num");
        return cell;
    }

    private static Element text(String text, String kind) {
        Element cell = new Element("td").setText(text);
        if (!kind.isEmpty()) {
            cell.getClassList().add(kind);
        }
        return cell;
    }
}
