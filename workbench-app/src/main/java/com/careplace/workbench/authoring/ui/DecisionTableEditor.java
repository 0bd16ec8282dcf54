package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.rules.DecisionTableDraft;
import com.careplace.workbench.rules.DecisionTableWorkbook;
import com.careplace.workbench.base.ui.Downloads;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.base.ui.RowButtons;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Drools decision table as a grid: one rule per row, its conditions and actions as columns under the
 * headings authors wrote. Cells are edited in place; rows are added, removed and moved; the sheet goes
 * to and comes from Excel ({@code .drl.xlsx}). Compile problems mark their cell.
 */
class DecisionTableEditor implements AssetEditor {

    private final String fileName;
    private final VerticalLayout layout = new VerticalLayout();
    private final Div tablesArea = new Div();
    private final Map<List<String>, Map<Integer, String>> problems = new IdentityHashMap<>();
    private final List<Grid<RowItem>> grids = new ArrayList<>();
    private DecisionTableDraft draft;
    private boolean readOnly;

    DecisionTableEditor(String fileName, String csv) {
        this.fileName = fileName;
        layout.setPadding(false);
        layout.setSizeFull();
        layout.addClassName("table-editor");
        tablesArea.setWidthFull();
        String base = fileName.replaceAll("\\.drl\\.csv$", "");
        Anchor export = Downloads.of(new Button("Export .drl.xlsx", VaadinIcon.DOWNLOAD.create()), base + ".drl.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", () -> DecisionTableWorkbook.toXlsx(text(), base));
        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> importWorkbook(metadata.fileName(), bytes))));
        upload.setAcceptedFileTypes(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.setUploadButton(new Button("Import .drl.xlsx", VaadinIcon.UPLOAD.create()));
        upload.setDropAllowed(false);
        upload.setMaxFiles(1);
        upload.addClassName("table-import");
        HorizontalLayout excel = new HorizontalLayout(export, upload);
        excel.setAlignItems(FlexComponent.Alignment.BASELINE);
        layout.add(excel, tablesArea);
        layout.setFlexGrow(1, tablesArea);
        load(csv);
    }

    private void importWorkbook(String name, byte[] bytes) {
        try {
            String csv = DecisionTableWorkbook.fromXlsx(bytes);
            load(csv);
            Notifications.done("Imported " + name + " — save it to keep it");
        } catch (RuntimeException e) {
            Notifications.refused(name + " is not a readable Drools spreadsheet: " + e.getMessage());
        }
    }

    @Override
    public Component component() {
        return layout;
    }

    @Override
    public String text() {
        return draft.toCsv();
    }

    @Override
    public void load(String csv) {
        draft = DecisionTableDraft.parse(csv);
        problems.clear();
        render();
    }

    @Override
    public void showProblems(List<CompileProblem> located) {
        problems.clear();
        for (CompileProblem problem : located) {
            if (problem.cell() == null) {
                continue;
            }
            for (DecisionTableDraft.RuleTable table : draft.tables()) {
                int index = problem.cell().row() - draft.sheetRow(table, 0);
                if (index >= 0 && index < table.rows().size()) {
                    problems.computeIfAbsent(table.rows().get(index), r -> new TreeMap<>())
                            .merge(columnIndex(problem.cell().column()), problem.message(), (a, b) -> a + "\n" + b);
                }
            }
        }
        render();
    }

    @Override
    public void reveal(CompileProblem problem) {
        if (problem.cell() == null) {
            return;
        }
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        for (int t = 0; t < tables.size(); t++) {
            int index = problem.cell().row() - draft.sheetRow(tables.get(t), 0);
            if (index >= 0 && index < tables.get(t).rows().size()) {
                grids.get(t).scrollToIndex(index);
            }
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        render();
    }

    /** The grid of one table; for tests. */
    List<Grid<RowItem>> grids() {
        return grids;
    }

    private void render() {
        tablesArea.removeAll();
        grids.clear();
        for (DecisionTableDraft.RuleTable table : draft.tables()) {
            Grid<RowItem> grid = new Grid<>();
            grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_ROW_STRIPES);
            grid.setSelectionMode(Grid.SelectionMode.NONE);
            grid.addColumn(item -> draft.sheetRow(table, table.indexOf(item.cells))).setHeader("Row").setWidth("4.5rem")
                    .setFlexGrow(0).setFrozen(true);
            for (int c = 0; c < table.width(); c++) {
                int column = c;
                String kind = column < table.kinds().size() ? table.kinds().get(column).strip() : "";
                if (kind.isEmpty() && table.heading(column).isEmpty()) {
                    continue;
                }
                Span heading = new Span(table.heading(column));
                Span kindLabel = new Span(kind.toLowerCase());
                kindLabel.addClassName("column-kind");
                Div header = new Div(heading, kindLabel);
                header.addClassName("column-header");
                grid.addComponentColumn(item -> cell(table, item, column)).setHeader(header)
                        .setWidth(kind.equals("NAME") ? "22rem" : "11rem").setFlexGrow(kind.equals("NAME") ? 2 : 1).setResizable(true);
            }
            grid.addComponentColumn(item -> rowActions(table, item)).setHeader("").setWidth("9.5rem").setFlexGrow(0)
                    .setFrozenToEnd(true);
            grid.setItems(table.rows().stream().map(RowItem::new).toList());
            grid.setAllRowsVisible(true);
            grid.setWidthFull();
            Button add = new Button("Add rule row", VaadinIcon.PLUS.create(), e -> {
                table.insertRow(table.rows().size());
                render();
            });
            add.setEnabled(!readOnly);
            add.addThemeVariants(ButtonVariant.LUMO_SMALL);
            grids.add(grid);
            tablesArea.add(new H4(table.name().isEmpty() ? "Rules" : table.name()), grid, add);
        }
    }

    private Component cell(DecisionTableDraft.RuleTable table, RowItem item, int column) {
        while (item.cells.size() <= column) {
            item.cells.add("");
        }
        TextField field = new TextField();
        field.setValue(item.cells.get(column));
        field.setWidthFull();
        field.addThemeVariants(com.vaadin.flow.component.textfield.TextFieldVariant.LUMO_SMALL);
        field.setReadOnly(readOnly);
        field.getElement().setAttribute("aria-label", table.heading(column) + ", row " + draft.sheetRow(table, table.indexOf(item.cells)));
        String problem = problems.getOrDefault(item.cells, Map.of()).get(column);
        if (problem != null) {
            field.setInvalid(true);
            field.setErrorMessage(problem);
            field.setTooltipText(problem);
            field.addClassName("cell-problem");
        }
        field.addValueChangeListener(e -> item.cells.set(column, e.getValue()));
        return field;
    }

    private Component rowActions(DecisionTableDraft.RuleTable table, RowItem item) {
        Button up = icon(VaadinIcon.ARROW_UP, "Move up", () -> table.move(item.cells, -1));
        Button down = icon(VaadinIcon.ARROW_DOWN, "Move down", () -> table.move(item.cells, 1));
        Button insert = icon(VaadinIcon.PLUS, "Insert a row below", () -> table.insertRow(table.indexOf(item.cells) + 1));
        Button remove = icon(VaadinIcon.TRASH, "Remove this rule", () -> table.rows().remove(table.indexOf(item.cells)));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(up, down, insert, remove);
        actions.setSpacing(false);
        return actions;
    }

    private Button icon(VaadinIcon icon, String label, Runnable action) {
        return RowButtons.of(icon, label, !readOnly, () -> {
            action.run();
            render();
        });
    }

    private static int columnIndex(String letters) {
        int index = 0;
        for (char ch : letters.toCharArray()) {
            index = index * 26 + (ch - 'A' + 1);
        }
        return index - 1;
    }

    /** A grid item: one rule row, equal only to itself (two rules may read the same). */
    static final class RowItem {
        final List<String> cells;

        RowItem(List<String> cells) {
            this.cells = cells;
        }
    }

    @Override
    public String toString() {
        return "DecisionTableEditor[" + fileName + "]";
    }
}
