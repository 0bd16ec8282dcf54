package com.careplace.workbench.review.ui;

import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.TableDiff;
import com.careplace.workbench.base.LineDiff;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

import java.util.List;

/**
 * What a change request did to one asset: DRL and suites as a side-by-side line diff (unchanged runs
 * folded), decision tables part by part ({@link TableDiffView}).
 */
final class AssetDiff {

    private static final int CONTEXT = 3;

    private AssetDiff() {
    }

    static Component of(String path, String before, String after) {
        if (new RuleAsset(path, after).kind() == RuleAsset.Kind.DECISION_TABLE) {
            return TableDiffView.of(TableDiff.between(before, after), before, after);
        }
        return sideBySide(LineDiff.between(before, after));
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
