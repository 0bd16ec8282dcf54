package com.careplace.workbench.authoring.ui;

import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.base.ui.RowButtons;
import com.careplace.workbench.rules.CompileProblem;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One vocabulary file (payers, levels of care, …) as a table a clinician edits: one entry per row, a
 * field per column, yes/no and field types as choices, rows added, removed and (where order means
 * something) moved. Problems found by Check mark their row.
 */
class VocabularyEditor implements AssetEditor {

    private final Vocabulary.Part part;
    private final VerticalLayout layout = new VerticalLayout();
    private final Grid<Entry> grid = new Grid<>();
    private final Button add;
    private final Div problemList = new Div();
    private final Map<Integer, String> problems = new TreeMap<>();
    private List<Entry> entries = new ArrayList<>();
    /** The saved text while nothing is edited: an untouched file reads back byte for byte. */
    private String original;
    private boolean edited;
    private Runnable onEdit = () -> { };
    private boolean readOnly;

    VocabularyEditor(Vocabulary.Part part, String csv) {
        this.part = part;
        layout.setPadding(false);
        layout.setWidthFull();
        layout.addClassName("vocabulary-editor");
        Paragraph help = new Paragraph(help(part));
        help.addClassName("vocabulary-help");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_ROW_STRIPES);
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        for (int c = 0; c < part.columns().size(); c++) {
            int column = c;
            String heading = part.columns().get(c);
            boolean wide = heading.equals("Name") || heading.equals("Message") || heading.equals("Description");
            grid.addComponentColumn(entry -> cell(entry, column)).setHeader(heading)
                    .setWidth(wide ? "24rem" : "11rem").setFlexGrow(wide ? 3 : 1).setResizable(true);
        }
        grid.addComponentColumn(this::actions).setHeader("").setWidth("8rem").setFlexGrow(0).setFrozenToEnd(true);
        // Every entry rendered: the lists are short, and the editor pane scrolls as one.
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
        add = new Button("Add " + singular(part), VaadinIcon.PLUS.create(), e -> {
            entries.add(new Entry(blankRow()));
            changed();
            grid.scrollToEnd();
        });
        add.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add.addClassName("vocabulary-add");
        problemList.addClassName("vocabulary-problems");
        // The add button beside the title, not under the list: always in view however long the list grows.
        HorizontalLayout heading = new HorizontalLayout(new H4(part.title()), add);
        heading.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        layout.add(heading, help, problemList, grid);
        load(csv);
    }

    @Override
    public Component component() {
        return layout;
    }

    @Override
    public String text() {
        if (!edited) {
            return original;
        }
        return Vocabulary.csv(part, entries.stream().map(e -> List.copyOf(e.cells)).toList());
    }

    @Override
    public void load(String csv) {
        original = csv;
        edited = false;
        entries = new ArrayList<>(Vocabulary.cells(csv).stream().map(row -> new Entry(padded(row))).toList());
        problems.clear();
        render();
    }

    @Override
    public void showProblems(List<CompileProblem> located) {
        problems.clear();
        // Vocabulary problems are located by file line: line 1 is the header, entries start on line 2.
        located.forEach(p -> problems.merge(p.line() == null ? 0 : p.line() - 1, p.message(), (a, b) -> a + "\n" + b));
        render();
    }

    @Override
    public void reveal(CompileProblem problem) {
        if (problem.line() != null && problem.line() >= 2) {
            grid.scrollToIndex(problem.line() - 2);
        }
    }

    @Override
    public void onEdit(Runnable listener) {
        this.onEdit = listener;
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        add.setVisible(!readOnly);
        render();
    }

    /** For tests: the entries as they stand, one list of cells per row. */
    List<List<String>> entries() {
        return entries.stream().map(e -> List.copyOf(e.cells)).toList();
    }

    Grid<Entry> grid() {
        return grid;
    }

    Button addButton() {
        return add;
    }

    private void changed() {
        edited = true;
                onEdit.run();
        render();
    }

    private void render() {
        problemList.removeAll();
        problems.forEach((entry, message) -> {
            Div line = new Div((entry > 0 ? "Entry " + entry + ": " : "") + message);
            line.addClassName("vocabulary-problem");
            problemList.add(line);
        });
        problemList.setVisible(!problems.isEmpty());
        grid.setItems(entries);
    }

    private Component cell(Entry entry, int column) {
        String heading = part.columns().get(column);
        String label = heading + ", entry " + (entries.indexOf(entry) + 1);
        String problem = problems.get(entries.indexOf(entry) + 1);
        if (heading.equals("Qualifies for IOP") || heading.equals("Type")) {
            Select<String> choice = new Select<>();
            List<String> options = heading.equals("Type")
                    ? Arrays.stream(RequestField.Type.values()).map(RequestField.Type::word).toList() : List.of("yes", "no");
            choice.setItems(options);
            String value = entry.cells.get(column);
            choice.setValue(options.contains(value) ? value : null);
            choice.getElement().setAttribute("aria-label", label);
            choice.setWidthFull();
            choice.setReadOnly(readOnly);
            choice.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    entry.cells.set(column, e.getValue() == null ? "" : e.getValue());
                    edited = true;
                onEdit.run();
                }
            });
            return choice;
        }
        TextField field = new TextField();
        field.setValue(entry.cells.get(column));
        field.setWidthFull();
        field.addThemeVariants(TextFieldVariant.LUMO_SMALL);
        field.setReadOnly(readOnly);
        field.getElement().setAttribute("aria-label", label);
        if (column == 0) {
            field.setPlaceholder(part == Vocabulary.Part.LEVELS_OF_CARE ? "e.g. 2.7" : part == Vocabulary.Part.REQUEST_FIELDS
                    ? "e.g. pregnant" : "e.g. " + example(part));
        }
        if (problem != null) {
            field.setInvalid(true);
            field.setErrorMessage(problem);
            field.setTooltipText(problem);
        }
        field.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                entry.cells.set(column, e.getValue());
                edited = true;
                onEdit.run();
            }
        });
        return field;
    }

    private Component actions(Entry entry) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (part == Vocabulary.Part.LEVELS_OF_CARE || part == Vocabulary.Part.REQUEST_FIELDS) {
            // Order is meaning for levels (lowest first) and reading order for fields; elsewhere only presentation.
            actions.add(icon(VaadinIcon.ARROW_UP, "Move up", () -> move(entry, -1)),
                    icon(VaadinIcon.ARROW_DOWN, "Move down", () -> move(entry, 1)));
        }
        Button remove = icon(VaadinIcon.TRASH, "Remove this " + singular(part), () -> entries.remove(entry));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        actions.add(remove);
        return actions;
    }

    private void move(Entry entry, int by) {
        int from = entries.indexOf(entry);
        int to = from + by;
        if (to >= 0 && to < entries.size()) {
            entries.remove(from);
            entries.add(to, entry);
        }
    }

    private Button icon(VaadinIcon icon, String label, Runnable action) {
        return RowButtons.of(icon, label, !readOnly, () -> {
            action.run();
            changed();
        });
    }

    private List<String> blankRow() {
        List<String> row = new ArrayList<>();
        for (String heading : part.columns()) {
            row.add(heading.equals("Qualifies for IOP") ? "no" : heading.equals("Type") ? RequestField.Type.BOOLEAN.word() : "");
        }
        return row;
    }

    private List<String> padded(List<String> row) {
        List<String> cells = new ArrayList<>(row);
        while (cells.size() < part.columns().size()) {
            cells.add("");
        }
        return cells;
    }

    static String singular(Vocabulary.Part part) {
        return switch (part) {
            case LEVELS_OF_CARE -> "level of care";
            case PAYERS -> "payer";
            case DIAGNOSIS_CATEGORIES -> "diagnosis category";
            case IOP_REASONS -> "IOP reason";
            case PAYER_REQUIREMENTS -> "payer requirement";
            case PAYER_WARNINGS -> "payer warning";
            case REQUEST_FIELDS -> "request field";
        };
    }

    private static String example(Vocabulary.Part part) {
        return switch (part) {
            case PAYERS -> "MEDICARE_ADVANTAGE";
            case DIAGNOSIS_CATEGORIES -> "OBSESSIVE_COMPULSIVE";
            case PAYER_REQUIREMENTS -> "CONCURRENT_REVIEW";
            default -> "CODE_IN_CAPITALS";
        };
    }

    private static String help(Vocabulary.Part part) {
        return switch (part) {
            case LEVELS_OF_CARE -> "Lowest level first: rules compare levels by this order. Callers send and receive the code; "
                    + "the name appears in every decision. Rules name an added level as LevelOfCare.of(\"2.7\").";
            case PAYERS -> "The payers a request may name. Give a new payer its requirements in the Payer requirements table; "
                    + "rules name it as Payer.of(\"CODE\").";
            case DIAGNOSIS_CATEGORIES -> "Map ICD-10 codes to a category in the Diagnosis categories table. Only categories that "
                    + "qualify for IOP can justify IOP.";
            case IOP_REASONS -> "Why a patient is or is not eligible for IOP: the code and the message a decision gives.";
            case PAYER_REQUIREMENTS -> "What a payer asks for before or during IOP (prior authorization, certification, reviews).";
            case PAYER_WARNINGS -> "Warnings a decision can raise about the payer's conditions.";
            case REQUEST_FIELDS -> "Optional fields a request may carry besides the spec's. A field is an integer (with an "
                    + "optional range), a boolean, or a level of care, payer or diagnosis category. Rules read them on the "
                    + "assessment: yes(\"pregnant\"), number(\"field\"), entry(\"field\"), answered(\"field\").";
        };
    }

    /** A grid item: one entry, equal only to itself (two new rows may read the same). */
    static final class Entry {
        final List<String> cells;

        Entry(List<String> cells) {
            this.cells = cells;
        }
    }

    @Override
    public String toString() {
        return "VocabularyEditor[" + part.title() + "]";
    }
}
