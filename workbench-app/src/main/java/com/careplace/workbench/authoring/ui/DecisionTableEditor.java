package com.careplace.workbench.authoring.ui;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.SourceWorkbook;
import com.careplace.workbench.base.ui.Downloads;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.rules.ColumnValues;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.rules.DecisionTableDraft;
import com.careplace.workbench.rules.DecisionTableWorkbook;
import com.careplace.workbench.rules.SpreadsheetImport;
import com.careplace.workbench.rules.GeneratedRules;
import com.careplace.workbench.rules.TableVerification;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.ComboBoxVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.HeaderRow;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Drools decision table as a grid: one rule per row, under "When" (its conditions) and "Then" (its
 * actions). Each cell offers what its column takes (payers, levels of care, yes/no from the vocabulary;
 * numbers with their range) and says at once when a value is not one of them. The rule name stays in view
 * while the grid scrolls sideways; rows are added, removed and moved without losing the scroll position;
 * cells edited since the last save are marked. Check's problems mark their cell.
 */
class DecisionTableEditor implements AssetEditor {

    private final String fileName;
    private final Vocabulary vocabulary;
    private final VerticalLayout layout = new VerticalLayout();
    private final Div tablesArea = new Div();
    private final Button addRow = new Button("Add rule row", VaadinIcon.PLUS.create());
    private final Button columns = new Button("Columns…", VaadinIcon.GRID_H.create());
    private final Map<List<String>, Map<Integer, String>> problems = new IdentityHashMap<>();
    /** What each rule row held when last loaded (by identity): cells that differ are unsaved. */
    private final Map<List<String>, List<String>> loaded = new IdentityHashMap<>();
    private final Map<List<String>, RowItem> items = new IdentityHashMap<>();
    /** What table verification found about each rule row (by identity), and about each table as a whole. */
    private final Map<List<String>, List<String>> rowFindings = new IdentityHashMap<>();
    private final Div tableFindings = new Div();
    private final List<Grid<RowItem>> grids = new ArrayList<>();
    private final List<List<RowItem>> gridItems = new ArrayList<>();
    private Runnable onEdit = () -> { };
    private DecisionTableDraft draft;
    private RowItem revealed;
    private boolean readOnly;
    private final Button exportButton = tool(new Button("Export to Excel", VaadinIcon.DOWNLOAD.create()));
    private final Button otherFormatButton = tool(new Button("as .xls"));
    private SourceWorkbook cameAs;
    private SourceWorkbook importedFrom;

    DecisionTableEditor(String fileName, String csv, Vocabulary vocabulary, Optional<SourceWorkbook> cameAs) {
        this.fileName = fileName;
        this.vocabulary = vocabulary;
        layout.setPadding(false);
        layout.setSpacing(false);
        layout.setSizeFull();
        layout.addClassName("table-editor");
        tablesArea.addClassName("tables-area");
        this.cameAs = cameAs.orElse(null);
        String base = fileName.replaceAll("\\.drl\\.csv$", "");
        // In the format the table came in (an .xls stays .xls, its other sheets kept), and the other format on request
        Anchor export = Downloads.of(exportButton, () -> asItCame(base));
        Anchor exportOther = Downloads.of(otherFormatButton, () -> inOtherFormat(base));
        exportLabels();
        UI ui = UI.getCurrent();
        Upload upload = new Upload();
        // The file list is cleared after each import, so that a second file can follow (one at a time)
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> ui.access(() -> {
            importWorkbook(metadata.fileName(), bytes);
            upload.clearFileList();
        })));
        upload.setAcceptedFileTypes(".xlsx", ".xls", ".csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.ms-excel", "text/csv");
        upload.setUploadButton(tool(new Button("Import from Excel", VaadinIcon.UPLOAD.create())));
        // Drools' largest test workbook is under 1 MB; a decision table far beyond that is not one a person edits
        upload.setMaxFileSize(10 * 1024 * 1024);
        upload.addFileRejectedListener(e -> Notifications.refused("Not imported: " + e.getErrorMessage()));
        upload.setDropAllowed(false);
        upload.setMaxFiles(1);
        upload.addClassName("table-import");
        addRow.addClickListener(e -> appendRow());
        addRow.setTooltipText("A new rule at the end of the table; pick its values from each column's list");
        tool(addRow);
        columns.addClickListener(e -> {
            List<DecisionTableDraft.RuleTable> tables = draft.tables();
            if (!tables.isEmpty()) {
                TableColumnsDialog.of(tables.getLast(), vocabulary, () -> {
                    render();
                    onEdit.run();
                }).open();
            }
        });
        columns.setTooltipText("Add, rename, move or remove this table's conditions and outcomes");
        tool(columns);
        Button generated = tool(new Button("Generated rules", VaadinIcon.CODE.create(), e -> openGeneratedRules()));
        generated.setTooltipText("The rules Drools generates from this table, each linked to its row (read-only)");
        HorizontalLayout tools = new HorizontalLayout(addRow, columns, generated, export, exportOther, upload);
        tools.setAlignItems(FlexComponent.Alignment.CENTER);
        tools.addClassName("table-tools");
        tools.setSpacing(false);
        tableFindings.addClassName("table-findings");
        tableFindings.setVisible(false);
        layout.add(tools, tableFindings, tablesArea);
        layout.setFlexGrow(1, tablesArea);
        load(csv);
    }

    private static Button tool(Button button) {
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    /** For tests: what an upload of {@code name} does. */
    void importWorkbook(String name, byte[] bytes) {
        SpreadsheetImport.Imported imported;
        try {
            imported = SpreadsheetImport.intoWorkbench(name, bytes);
        } catch (IllegalArgumentException e) {
            Notifications.refused("Not imported: " + e.getMessage());
            return;
        }
        draft = DecisionTableDraft.parse(imported.csv());
        importedFrom = new SourceWorkbook(name, bytes);
        exportLabels();
        problems.clear();
        render(); // every imported row is new: all unsaved until saved
        onEdit.run();
        Notifications.done("Imported " + name + " with the rules Drools reads from it — save it to keep it"
                + (imported.notes().isEmpty() ? "" : ". " + String.join(". ", imported.notes())));
    }

    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String XLS_TYPE = "application/vnd.ms-excel";

    /** The spreadsheet the table came in as: the one imported here (until saved), else the one saved with it. */
    private Optional<SourceWorkbook> source() {
        return Optional.ofNullable(importedFrom).or(() -> Optional.ofNullable(cameAs));
    }

    private String format() {
        return source().map(SourceWorkbook::format).orElse("xlsx");
    }

    private void exportLabels() {
        String format = format();
        boolean workbook = source().filter(w -> w.bytes().length > 0).isPresent();
        exportButton.setText(switch (format) {
            case "xls" -> "Export to Excel (.xls)";
            case "csv" -> "Export (.csv)";
            default -> "Export to Excel";
        });
        exportButton.getElement().setAttribute("title", switch (format) {
            case "xls" -> "Download this table as the Excel 97 workbook it came in (.drl.xls)";
            case "csv" -> "Download this table as the Drools CSV it came in (.drl.csv)";
            default -> "Download this table as a Drools spreadsheet (.drl.xlsx) to edit in Excel";
        } + (workbook ? ", with the workbook's other sheets as they came" : ""));
        otherFormatButton.setText(format.equals("xlsx") ? "as .xls" : "as .xlsx");
        otherFormatButton.getElement().setAttribute("title", format.equals("xlsx")
                ? "Download it as an Excel 97 workbook (.drl.xls), as older tables came"
                : "Download it as a new .drl.xlsx workbook with this table alone");
    }

    /** What "Export" downloads: the table in the format it came in. */
    Downloads.File asItCame(String base) {
        Optional<SourceWorkbook> workbook = source().filter(w -> w.bytes().length > 0);
        return switch (format()) {
            case "csv" -> new Downloads.File(base + ".drl.csv", "text/csv", text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "xls" -> new Downloads.File(base + ".drl.xls", XLS_TYPE, workbook.map(w -> DecisionTableWorkbook.intoWorkbook(w.bytes(), text()))
                    .orElseGet(() -> DecisionTableWorkbook.toXls(text(), base)));
            default -> new Downloads.File(base + ".drl.xlsx", XLSX_TYPE, workbook.map(w -> DecisionTableWorkbook.intoWorkbook(w.bytes(), text()))
                    .orElseGet(() -> DecisionTableWorkbook.toXlsx(text(), base)));
        };
    }

    private Downloads.File inOtherFormat(String base) {
        return format().equals("xlsx") ? new Downloads.File(base + ".drl.xls", XLS_TYPE, DecisionTableWorkbook.toXls(text(), base))
                : new Downloads.File(base + ".drl.xlsx", XLSX_TYPE, DecisionTableWorkbook.toXlsx(text(), base));
    }

    /** The spreadsheet imported since the last save, to be kept with the table when it is saved. */
    @Override
    public Optional<SourceWorkbook> importedFrom() {
        return Optional.ofNullable(importedFrom);
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
        importedFrom = null; // someone else's revision replaces what was imported here
        exportLabels();
        draft = DecisionTableDraft.parse(csv);
        problems.clear();
        loaded.clear();
        draft.tables().forEach(t -> t.rows().forEach(row -> loaded.put(row, List.copyOf(row))));
        render();
    }

    @Override
    public void markSaved() {
        if (importedFrom != null) {
            cameAs = importedFrom;
            importedFrom = null;
        }
        loaded.clear();
        draft.tables().forEach(t -> t.rows().forEach(row -> loaded.put(row, List.copyOf(row))));
        grids.forEach(g -> g.getDataProvider().refreshAll());
    }

    @Override
    public void onEdit(Runnable listener) {
        this.onEdit = listener;
    }

    @Override
    public void showProblems(List<CompileProblem> located) {
        List<List<String>> touched = new ArrayList<>(problems.keySet());
        problems.clear();
        for (CompileProblem problem : located) {
            locate(problem).ifPresent(at -> problems.computeIfAbsent(at.row(), r -> new TreeMap<>())
                    .merge(columnIndex(problem.cell().column()), problem.message(), (a, b) -> a + "\n" + b));
        }
        touched.addAll(problems.keySet());
        // Only the rows concerned are redrawn: the grid keeps its scroll position.
        refresh(touched);
    }

    @Override
    public void showFindings(List<TableVerification.Finding> findings) {
        List<List<String>> touched = new ArrayList<>(rowFindings.keySet());
        rowFindings.clear();
        tableFindings.removeAll();
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        for (TableVerification.Finding finding : findings) {
            Optional<DecisionTableDraft.RuleTable> table = tables.stream().filter(t -> t.name().equals(finding.table())).findFirst();
            if (table.isEmpty()) {
                continue;
            }
            if (finding.rules().isEmpty()) {
                Span kind = new Span(finding.kind().label());
                kind.getElement().getThemeList().add("badge small warning");
                Div line = new Div(kind, new Span(" " + (tables.size() > 1 ? finding.table() + ": " : "") + finding.message()));
                line.addClassName("table-finding");
                tableFindings.add(line);
            }
            for (int rule : finding.rules()) {
                if (rule - 1 < table.get().rows().size()) {
                    rowFindings.computeIfAbsent(table.get().rows().get(rule - 1), r -> new ArrayList<>())
                            .add(finding.kind().label() + ": " + finding.message());
                }
            }
        }
        tableFindings.setVisible(tableFindings.getChildren().findAny().isPresent());
        touched.addAll(rowFindings.keySet());
        refresh(touched);
    }

    @Override
    public void reveal(TableVerification.Finding finding) {
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        for (int t = 0; t < tables.size(); t++) {
            if (tables.get(t).name().equals(finding.table()) && !finding.rules().isEmpty()
                    && finding.rules().getFirst() - 1 < tables.get(t).rows().size()) {
                RowItem previous = revealed;
                revealed = items.get(tables.get(t).rows().get(finding.rules().getFirst() - 1));
                grids.get(t).scrollToIndex(finding.rules().getFirst() - 1);
                if (previous != null) {
                    refresh(List.of(previous.cells));
                }
                refresh(List.of(revealed.cells));
                return;
            }
        }
    }

    @Override
    public void reveal(CompileProblem problem) {
        locate(problem).ifPresent(this::reveal);
    }

    @Override
    public String describe(CompileProblem problem) {
        if (problem.cell() == null) {
            return "";
        }
        Optional<Location> at = locate(problem);
        if (at.isEmpty()) {
            // Not a rule row: the table's settings or its code rows, as the spreadsheet has them.
            return "table settings, sheet row " + problem.cell().row()
                    + (problem.cell().heading().isEmpty() ? "" : ", " + problem.cell().heading());
        }
        DecisionTableDraft.RuleTable table = draft.tables().get(at.get().table());
        String name = ruleName(table, at.get().row());
        return "rule " + (at.get().index() + 1) + (name.isEmpty() ? "" : " (" + name + ")")
                + (problem.cell().heading().isEmpty() ? "" : ", " + problem.cell().heading());
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        addRow.setVisible(!readOnly);
        columns.setVisible(!readOnly);
        render();
    }

    /** The grid of one table; for tests. */
    List<Grid<RowItem>> grids() {
        return grids;
    }

    /** The rule tables as edited; for tests. */
    DecisionTableDraft draft() {
        return draft;
    }

    private record Location(int table, int index, List<String> row) {
    }

    private Optional<Location> locate(CompileProblem problem) {
        if (problem.cell() == null) {
            return Optional.empty();
        }
        return locateRow(problem.cell().row());
    }

    private void render() {
        tablesArea.removeAll();
        grids.clear();
        gridItems.clear();
        items.clear();
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        for (DecisionTableDraft.RuleTable table : tables) {
            Grid<RowItem> grid = grid(table);
            List<RowItem> rows = new ArrayList<>(table.rows().stream().map(this::item).toList());
            grid.setItems(rows);
            grids.add(grid);
            gridItems.add(rows);
            if (tables.size() > 1) {
                tablesArea.add(new H4(table.name().isEmpty() ? "Rules" : table.name()));
            }
            tablesArea.add(grid);
        }
        addRow.setEnabled(!readOnly && !tables.isEmpty());
        columns.setEnabled(!readOnly && !tables.isEmpty());
        if (tables.isEmpty()) {
            tablesArea.add(sheetAsItIs());
        }
    }

    /**
     * A sheet whose RuleTable the grid cannot edit (it does not start in column A, or text stands beside it):
     * shown cell by cell as Drools reads it, kept and compiled exactly as it is.
     */
    private Component sheetAsItIs() {
        List<List<String>> rows = draft.sheetRows();
        Paragraph why = new Paragraph("The grid edits a RuleTable that starts in column A with nothing beside it; this sheet's does "
                + "not, so it is shown as it is, read-only. It is kept and compiled exactly so: export it, move the table to column A "
                + "in Excel and import it again to edit it here.");
        why.addClassName("sheet-as-it-is-note");
        record SheetRow(int number, List<String> cells) {
        }
        Grid<SheetRow> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS);
        grid.addClassName("sheet-as-it-is");
        grid.addColumn(SheetRow::number).setHeader("").setWidth("3.5rem").setFlexGrow(0).setFrozen(true);
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        for (int c = 0; c < width; c++) {
            int column = c;
            // A bounded width: a long note in one cell must not push the table off the screen (the tooltip holds it all)
            grid.addColumn(row -> column < row.cells().size() ? row.cells().get(column) : "").setHeader(columnName(column))
                    .setWidth("9rem").setFlexGrow(0).setResizable(true)
                    .setTooltipGenerator(row -> column < row.cells().size() ? row.cells().get(column) : "");
        }
        grid.setItems(java.util.stream.IntStream.range(0, rows.size()).mapToObj(r -> new SheetRow(r + 1, rows.get(r))).toList());
        grid.setHeight("min(32rem, 60vh)");
        return new Div(why, grid);
    }

    /**
     * The DRL this table generates as it stands (unsaved edits included), beside the grid: a window that does
     * not block it, one block per rule, each rule's heading taking the grid to its row.
     */
    Dialog openGeneratedRules() {
        Dialog dialog = new Dialog();
        dialog.addClassName("generated-rules");
        dialog.setHeaderTitle("Generated rules");
        dialog.setModal(false);
        dialog.setDraggable(true);
        dialog.setResizable(true);
        dialog.setWidth("min(36rem, 48vw)");
        dialog.setHeight("70vh");
        // On the right, over the Then columns: the grid's rule names stay in sight
        dialog.setLeft("calc(100vw - min(36rem, 48vw) - 1rem)");
        dialog.setTop("8rem");
        try {
            List<GeneratedRules.Rule> rules = GeneratedRules.of(text());
            dialog.add(new Paragraph(rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + " Drools generates from this table as it is "
                    + "now. Read-only: edit the grid; click a rule to see its row."));
            for (GeneratedRules.Rule rule : rules) {
                Optional<Location> at = locateRow(rule.sheetRow());
                Button heading = new Button(at.map(l -> "Rule " + (l.index() + 1) + ": ").orElse("") + rule.name(), e -> at.ifPresent(this::reveal));
                heading.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
                heading.setEnabled(at.isPresent());
                Pre drl = new Pre(rule.drl());
                drl.addClassName("generated-rule");
                dialog.add(new Div(heading, drl));
            }
        } catch (IllegalArgumentException e) {
            dialog.add(new Paragraph(e.getMessage()));
        }
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
        return dialog;
    }

    private Optional<Location> locateRow(int sheetRow) {
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        for (int t = 0; t < tables.size(); t++) {
            int index = sheetRow - draft.sheetRow(tables.get(t), 0);
            if (index >= 0 && index < tables.get(t).rows().size()) {
                return Optional.of(new Location(t, index, tables.get(t).rows().get(index)));
            }
        }
        return Optional.empty();
    }

    private void reveal(Location at) {
        RowItem previous = revealed;
        revealed = items.get(at.row());
        grids.get(at.table()).scrollToIndex(at.index());
        refresh(previous == null ? List.of(at.row()) : List.of(previous.cells, at.row()));
    }

    /** A, B, … Z, AA: the sheet's own column names, as Excel shows them. */
    private static String columnName(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : columnName(index / 26 - 1) + (char) ('A' + index % 26);
    }

    private RowItem item(List<String> row) {
        return items.computeIfAbsent(row, RowItem::new);
    }

    private Grid<RowItem> grid(DecisionTableDraft.RuleTable table) {
        Grid<RowItem> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.addClassName("rule-grid");
        grid.setPartNameGenerator(item -> item == revealed ? "revealed" : rowFindings.containsKey(item.cells) ? "finding" : null);
        List<Grid.Column<RowItem>> columns = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        columns.add(grid.addComponentColumn(item -> ruleNumber(table, item)).setHeader("#").setWidth("3.6rem").setFlexGrow(0)
                .setFrozen(true));
        groups.add("Rule");
        for (int c = 0; c < table.width(); c++) {
            int column = c;
            String kind = table.kind(column);
            if (kind.isEmpty() && table.heading(column).isEmpty()) {
                continue;
            }
            ColumnValues values = table.values(column, vocabulary);
            Span heading = new Span(table.heading(column));
            Div header = new Div(heading);
            if (!(values instanceof ColumnValues.FreeText)) {
                Span hint = new Span(shortHint(values));
                hint.addClassName("column-hint");
                header.add(hint);
            }
            header.addClassName("column-header");
            header.getElement().setAttribute("title", table.heading(column) + ": " + values.hint());
            boolean name = kind.equals("NAME");
            Grid.Column<RowItem> added = grid.addComponentColumn(item -> cell(table, item, column, values)).setHeader(header)
                    .setKey("column-" + column)
                    .setWidth(name ? "14rem" : "9rem").setFlexGrow(name ? 0 : 1).setResizable(true);
            // The rule's name says which rule a row is: it stays in view while the grid scrolls sideways.
            added.setFrozen(name && column == firstNameColumn(table));
            columns.add(added);
            groups.add(group(kind));
        }
        columns.add(grid.addComponentColumn(item -> rowActions(table, item)).setHeader("").setWidth("3.4rem").setFlexGrow(0)
                .setFrozenToEnd(true));
        groups.add("");
        groupHeadings(grid, columns, groups);
        return grid;
    }

    /** The rule's number in its table, with a mark when table verification found something about it. */
    private Component ruleNumber(DecisionTableDraft.RuleTable table, RowItem item) {
        int number = table.indexOf(item.cells) + 1;
        Span cell = new Span(String.valueOf(number));
        cell.addClassName("rule-number");
        List<String> found = rowFindings.get(item.cells);
        if (found == null) {
            cell.getElement().setAttribute("title", "Rule " + number + " of " + table.rows().size());
        } else {
            com.vaadin.flow.component.icon.Icon mark = VaadinIcon.WARNING.create();
            mark.addClassName("finding-mark");
            cell.add(mark);
            cell.getElement().setAttribute("title", String.join("\n", found));
            cell.getElement().setAttribute("aria-label", "Rule " + number + ": " + String.join("; ", found));
        }
        return cell;
    }

    private static int firstNameColumn(DecisionTableDraft.RuleTable table) {
        for (int c = 0; c < table.width(); c++) {
            if (table.kind(c).equals("NAME")) {
                return c;
            }
        }
        return -1;
    }

    /** A row of headings above the columns: "Rule", "When" over the conditions, "Then" over the actions. */
    private static void groupHeadings(Grid<RowItem> grid, List<Grid.Column<RowItem>> columns, List<String> groups) {
        HeaderRow row = grid.prependHeaderRow();
        int start = 0;
        for (int i = 1; i <= columns.size(); i++) {
            if (i == columns.size() || !groups.get(i).equals(groups.get(start))) {
                HeaderRow.HeaderCell cell = i - start > 1 ? row.join(columns.subList(start, i).toArray(Grid.Column[]::new))
                        : row.getCell(columns.get(start));
                Span text = new Span(groups.get(start));
                text.addClassName("column-group");
                cell.setComponent(text);
                start = i;
            }
        }
    }

    private static String group(String kind) {
        if (kind.startsWith("CONDITION")) {
            return "When";
        }
        if (kind.startsWith("ACTION")) {
            return "Then";
        }
        return kind.equals("NAME") ? "Rule" : "About the rule";
    }

    private static String shortHint(ColumnValues values) {
        return switch (values) {
            case ColumnValues.OneOf one -> one.what().replaceFirst("^(a|an) ", "");
            case ColumnValues.WholeNumber number -> number.minimum() + "–" + number.maximum()
                    + (number.what().isEmpty() ? "" : " " + number.what());
            case ColumnValues.CodePrefixes prefixes -> "codes, comma-separated";
            case ColumnValues.FreeText text -> "";
        };
    }

    private Component cell(DecisionTableDraft.RuleTable table, RowItem item, int column, ColumnValues values) {
        while (item.cells.size() <= column) {
            item.cells.add("");
        }
        String label = table.heading(column) + ", rule " + (table.indexOf(item.cells) + 1);
        String value = item.cells.get(column);
        Component field;
        if (values instanceof ColumnValues.OneOf one) {
            ComboBox<String> choice = new ComboBox<>();
            List<String> codes = new ArrayList<>(one.choices().stream().map(ColumnValues.Choice::code).toList());
            choice.setItems(codes);
            choice.setRenderer(new ComponentRenderer<>(code -> {
                Span shown = new Span(code);
                one.choices().stream().filter(c -> c.code().equals(code) && !c.label().equals(code)).findFirst()
                        .ifPresent(c -> shown.add(new Span(" — " + c.label())));
                return shown;
            }));
            // A value the column does not take stays on screen, marked, rather than vanishing from the cell.
            choice.setAllowCustomValue(true);
            choice.addCustomValueSetListener(e -> {
                if (!codes.contains(e.getDetail())) {
                    codes.add(e.getDetail());
                    choice.setItems(codes);
                }
                choice.setValue(e.getDetail());
            });
            if (!value.strip().isEmpty() && !codes.contains(value.strip())) {
                codes.add(value.strip());
                choice.setItems(codes);
            }
            choice.setValue(value.strip().isEmpty() ? null : value.strip());
            choice.addThemeVariants(ComboBoxVariant.LUMO_SMALL);
            choice.setWidthFull();
            choice.setReadOnly(readOnly);
            choice.addValueChangeListener(e -> edited(item, column, e.getValue() == null ? "" : e.getValue(), values, choice));
            field = choice;
        } else {
            // A cell over several lines (Excel keeps line breaks) in an area: a text field would drop them on the first edit.
            com.vaadin.flow.component.textfield.TextFieldBase<?, String> text;
            if (value.indexOf('\n') >= 0) {
                com.vaadin.flow.component.textfield.TextArea area = new com.vaadin.flow.component.textfield.TextArea();
                area.addThemeVariants(com.vaadin.flow.component.textfield.TextAreaVariant.LUMO_SMALL);
                text = area;
            } else {
                TextField line = new TextField();
                line.addThemeVariants(TextFieldVariant.LUMO_SMALL);
                text = line;
            }
            text.setValue(value);
            text.setWidthFull();
            text.setReadOnly(readOnly);
            text.setValueChangeMode(ValueChangeMode.LAZY);
            text.addValueChangeListener(e -> edited(item, column, e.getValue(), values, text));
            field = text;
        }
        field.getElement().setAttribute("aria-label", label);
        mark(field, item, column, values);
        return field;
    }

    /** A cell's new value: kept, checked against its column, marked unsaved. */
    private void edited(RowItem item, int column, String value, ColumnValues values, Component field) {
        item.cells.set(column, value);
        mark(field, item, column, values);
        onEdit.run();
    }

    private void mark(Component field, RowItem item, int column, ColumnValues values) {
        HasValidation validated = (HasValidation) field;
        String value = item.cells.get(column);
        // What the column does not take, said as it is typed; else what Check found at this cell.
        String problem = values.problem(value).orElse(problems.getOrDefault(item.cells, Map.of()).get(column));
        validated.setInvalid(problem != null);
        validated.setErrorMessage(problem);
        if (field instanceof AbstractField<?, ?>) {
            field.getElement().setProperty("title", problem == null ? values.hint() : problem);
        }
        List<String> before = loaded.get(item.cells);
        boolean unsaved = before == null || column >= before.size() ? !value.isEmpty() || before == null
                : !before.get(column).equals(value);
        field.getElement().getClassList().set("cell-unsaved", unsaved);
        field.getElement().getClassList().set("cell-problem", problem != null);
    }

    /** One menu per rule for what is done to the whole rule: it takes a button's width, not four. */
    private Component rowActions(DecisionTableDraft.RuleTable table, RowItem item) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON, MenuBarVariant.LUMO_SMALL);
        int number = table.indexOf(item.cells) + 1;
        MenuItem open = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        open.setAriaLabel("Rule " + number + ": move, copy or remove");
        menu.setTooltipText(open, "Move, copy or remove rule " + number);
        menu.setEnabled(!readOnly);
        SubMenu actions = open.getSubMenu();
        actions.addItem("Move up", e -> rowsChanged(table, move(table, item, -1))).setEnabled(number > 1);
        actions.addItem("Move down", e -> rowsChanged(table, move(table, item, 1))).setEnabled(number < table.rows().size());
        actions.addItem("Insert a rule below", e -> {
            table.insertRow(number);
            rowsChanged(table, number);
        });
        actions.addItem("Duplicate", e -> {
            List<String> copy = table.insertRow(number);
            for (int c = 0; c < item.cells.size(); c++) {
                if (c < copy.size()) {
                    copy.set(c, item.cells.get(c));
                } else {
                    copy.add(item.cells.get(c));
                }
            }
            rowsChanged(table, number);
        });
        actions.addItem("Remove this rule", e -> {
            table.rows().remove(table.indexOf(item.cells));
            rowsChanged(table, Math.max(0, number - 2));
        }).addClassName("danger");
        return menu;
    }

    private static int move(DecisionTableDraft.RuleTable table, RowItem item, int by) {
        table.move(item.cells, by);
        return table.indexOf(item.cells);
    }

    private void appendRow() {
        List<DecisionTableDraft.RuleTable> tables = draft.tables();
        if (tables.isEmpty()) {
            Notifications.refused("This sheet has no rule table to add a row to");
            return;
        }
        DecisionTableDraft.RuleTable table = tables.getLast();
        table.insertRow(table.rows().size());
        rowsChanged(table, table.rows().size() - 1);
    }

    /** The table's rows were added, removed or reordered: the grid shows them and scrolls to {@code focus}. */
    private void rowsChanged(DecisionTableDraft.RuleTable table, int focus) {
        int t = draft.tables().indexOf(table);
        List<RowItem> rows = gridItems.get(t);
        rows.clear();
        table.rows().forEach(row -> rows.add(item(row)));
        Grid<RowItem> grid = grids.get(t);
        grid.getDataProvider().refreshAll();
        if (focus >= 0 && focus < rows.size()) {
            grid.scrollToIndex(focus);
        }
        onEdit.run();
    }

    private void refresh(List<List<String>> rows) {
        for (List<String> row : rows) {
            RowItem item = items.get(row);
            if (item != null) {
                grids.forEach(g -> g.getDataProvider().refreshItem(item));
            }
        }
    }

    private static String ruleName(DecisionTableDraft.RuleTable table, List<String> row) {
        int name = firstNameColumn(table);
        return name >= 0 && name < row.size() ? row.get(name).strip() : "";
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
