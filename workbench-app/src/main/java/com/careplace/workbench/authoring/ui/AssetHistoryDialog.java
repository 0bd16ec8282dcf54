package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.HistoryEntry;
import com.careplace.workbench.base.LineDiff;
import com.careplace.workbench.base.ui.Downloads;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every saved version of one asset, newest first: who saved it, when, in which change request and why. Pick
 * one to see how it differs from what the editor holds or from any other version, and restore an old one
 * into the editor (it is saved like any edit, with a reason).
 */
final class AssetHistoryDialog {

    private static final String NOW = "what you have now";

    private AssetHistoryDialog() {
    }

    /**
     * @param current what the editor holds now (saved or not)
     * @param restore puts an old version's text into the editor, unsaved; {@code null} when the screen is read-only
     */
    static Dialog of(ChangeRequestService changes, String path, String title, Supplier<String> current, Consumer<String> restore) {
        List<HistoryEntry> versions = new ArrayList<>(changes.history(path));
        java.util.Collections.reverse(versions);
        Map<String, String> requestTitles = new HashMap<>();
        Dialog dialog = new Dialog();
        dialog.addClassName("asset-history-dialog");
        dialog.setHeaderTitle("History of " + title);
        dialog.setWidth("min(72rem, 96vw)");
        dialog.setHeight("min(44rem, 92vh)");

        Grid<HistoryEntry> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSelectionMode(Grid.SelectionMode.SINGLE);
        grid.addColumn(v -> "version " + (versions.size() - versions.indexOf(v))).setHeader("Version").setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(v -> Downloads.WHEN.format(v.savedAt())).setHeader("Saved").setWidth("11rem").setFlexGrow(0);
        grid.addColumn(HistoryEntry::author).setHeader("By").setWidth("6rem").setFlexGrow(0);
        grid.addColumn(v -> v.changeRequestId() == null ? "release 1.0.0 (imported)" : requestTitles.computeIfAbsent(v.changeRequestId(),
                id -> changes.changeRequest(id).title())).setHeader("Change request").setFlexGrow(1);
        grid.addColumn(HistoryEntry::reason).setHeader("Why").setFlexGrow(2);
        grid.setItems(versions);
        grid.setHeight("14rem");

        Div diff = new Div(new Span("Pick a version to see how it differs from what you have now, or from another version."));
        diff.addClassName("history-diff");
        Button restoreButton = new Button("Restore this version", VaadinIcon.ARROW_BACKWARD.create());
        restoreButton.setEnabled(false);
        restoreButton.setVisible(restore != null);
        restoreButton.setTooltipText("Puts this version's text in the editor; save it to keep it");
        // The picked version against what the editor holds, or against any other version.
        Select<String> against = new Select<>();
        against.setLabel("Compare with");
        List<String> targets = new ArrayList<>(List.of(NOW));
        versions.forEach(v -> targets.add(label(versions, v)));
        against.setItems(targets);
        against.setValue(NOW);
        against.setEnabled(false);
        Runnable show = () -> {
            diff.removeAll();
            grid.getSelectedItems().stream().findFirst().ifPresent(picked -> {
                String to = against.getValue();
                String other = NOW.equals(to) ? current.get()
                        : versions.stream().filter(v -> label(versions, v).equals(to)).findFirst().map(HistoryEntry::text).orElse("");
                diff.add(new Paragraph("From " + label(versions, picked) + " to " + to + ":"), lines(picked.text(), other));
            });
        };
        grid.addSelectionListener(e -> {
            restoreButton.setEnabled(e.getFirstSelectedItem().isPresent());
            against.setEnabled(e.getFirstSelectedItem().isPresent());
            show.run();
        });
        against.addValueChangeListener(e -> show.run());
        restoreButton.addClickListener(e -> grid.getSelectedItems().stream().findFirst().ifPresent(version -> {
            restore.accept(version.text());
            dialog.close();
        }));
        restoreButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(grid, against, diff);
        HorizontalLayout footer = new HorizontalLayout(new Button("Close", e -> dialog.close()), restoreButton);
        dialog.getFooter().add(footer);
        return dialog;
    }

    private static String label(List<HistoryEntry> versions, HistoryEntry version) {
        return "version " + (versions.size() - versions.indexOf(version)) + " (" + version.author() + ", "
                + Downloads.WHEN.format(version.savedAt()) + ")";
    }

    /** The lines that differ, with a few unchanged lines around them for context. */
    static Component lines(String before, String after) {
        List<LineDiff.Line> all = LineDiff.between(before, after);
        Div table = new Div();
        table.addClassName("history-lines");
        if (all.stream().allMatch(l -> l.kind() == LineDiff.Kind.KEPT)) {
            table.add(new Span("No difference."));
            return table;
        }
        for (int i = 0; i < all.size(); i++) {
            LineDiff.Line line = all.get(i);
            boolean near = false;
            for (int j = Math.max(0, i - 2); j <= Math.min(all.size() - 1, i + 2); j++) {
                near |= all.get(j).kind() != LineDiff.Kind.KEPT;
            }
            if (!near) {
                continue;
            }
            Div row = new Div(new Span((line.kind() == LineDiff.Kind.ADDED ? "+ " : line.kind() == LineDiff.Kind.REMOVED ? "− " : "  ")
                    + line.text()));
            row.addClassName(switch (line.kind()) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                default -> "same";
            });
            table.add(row);
        }
        return table;
    }
}
