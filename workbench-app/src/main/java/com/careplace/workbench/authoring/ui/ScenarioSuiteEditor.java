package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.authoring.ScenarioExpectations;
import com.careplace.placement.PlacementRequest;
import com.careplace.scenario.Scenario;
import com.careplace.scenario.ScenarioFormatException;
import com.careplace.scenario.ScenarioResult;
import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.base.ui.CodeEditor;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.base.ui.Notifications;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.careplace.workbench.authoring.OfferedCase;
import com.vaadin.flow.component.tabs.TabSheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario suite two ways: a table (one scenario per row: given, expect, and the last check's result)
 * for reading, and the YAML text for editing. Switching to the table re-reads the text.
 */
class ScenarioSuiteEditor implements AssetEditor {

    private final String path;
    private final TabSheet tabs = new TabSheet();
    private final CodeEditor text = new CodeEditor();
    private final Grid<Scenario> table = new Grid<>();
    private final Span tableProblem = new Span();
    private final Map<String, ScenarioResult> results = new LinkedHashMap<>();
    private final Vocabulary vocabulary;
    private final Button add = new Button("Add scenario", VaadinIcon.PLUS.create());
    private final Button fromCase = new Button("From an offered case…", VaadinIcon.CLIPBOARD_CHECK.create());
    private final CaseShelf shelf;
    private Runnable onEdit = () -> { };
    private String suiteName = "";
    private boolean readOnly;

    /** Cases offered from real decisions for this change request's suites, and where their use is recorded. */
    interface CaseShelf {
        /** The change request the suite belongs to. */
        String changeRequestId();

        List<OfferedCase> cases();

        void used(OfferedCase offered);
    }

    ScenarioSuiteEditor(String path, String yaml, Vocabulary vocabulary, CaseShelf shelf) {
        this.path = path;
        this.vocabulary = vocabulary;
        this.shelf = shelf;
        text.setValue(yaml);
        text.setSizeFull();
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        table.addComponentColumn(this::result).setHeader("Result").setWidth("7rem").setFlexGrow(0);
        table.addColumn(Scenario::name).setHeader("Scenario").setFlexGrow(2);
        table.addColumn(s -> given(s.given())).setHeader("Given").setFlexGrow(3);
        table.addColumn(s -> flat(s.expect())).setHeader("Expect").setFlexGrow(3);
        table.addColumn(s -> results.containsKey(s.name()) ? results.get(s.name()).finding() : "").setHeader("Finding").setFlexGrow(2);
        table.addComponentColumn(this::actions).setHeader("").setWidth("3.4rem").setFlexGrow(0).setFrozenToEnd(true);
        table.addItemDoubleClickListener(e -> edit(e.getItem()));
        table.setSizeFull();
        // Inside a tab sheet a full-size grid can collapse to nothing: give it a floor.
        table.setMinHeight("20rem");
        tableProblem.addClassName("table-problem");
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add.setTooltipText("A new scenario: the patient, and what the decision must be");
        add.addClickListener(e -> addScenario());
        fromCase.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        fromCase.setTooltipText("A real case a reviewer offered from the decision log, de-identified, kept as a scenario");
        fromCase.addClickListener(e -> openOfferedCases());
        HorizontalLayout adding = new HorizontalLayout(add, fromCase);
        adding.setSpacing(false);
        VerticalLayout tableTab = new VerticalLayout(adding, tableProblem, table);
        tableTab.setPadding(false);
        tableTab.setSizeFull();
        tabs.add("Table", tableTab);
        tabs.add("Text", text);
        tabs.setSizeFull();
        tabs.addSelectedChangeListener(e -> refreshTable());
        refreshTable();
    }

    @Override
    public Component component() {
        return tabs;
    }

    @Override
    public String text() {
        return text.getValue();
    }

    @Override
    public void load(String yaml) {
        text.setValue(yaml);
        refreshTable();
    }

    @Override
    public void onEdit(Runnable listener) {
        this.onEdit = listener;
        text.onChange(listener);
    }

    @Override
    public void showProblems(List<CompileProblem> problems) {
        refreshTable();
    }

    /** The last check's results for this suite's scenarios. */
    void showResults(List<ScenarioResult> all) {
        results.clear();
        all.stream().filter(r -> r.suite().equals(suiteName)).forEach(r -> results.put(r.scenario(), r));
        refreshTable();
    }

    /** Opens the text at the scenario's line. */
    void revealScenario(String scenario) {
        tabs.setSelectedIndex(1);
        String[] lines = text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("name:") && lines[i].contains(scenario)) {
                text.goTo(i + 1, 1);
                return;
            }
        }
    }

    @Override
    public void reveal(CompileProblem problem) {
        tabs.setSelectedIndex(1);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        text.setReadOnly(readOnly);
        add.setVisible(!readOnly);
        fromCase.setVisible(!readOnly);
        table.getDataProvider().refreshAll();
    }

    /** The menu of one scenario: edit it, copy, move or remove it, or take the rules' new answer as its expectation. */
    private Component actions(Scenario scenario) {
        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE, MenuBarVariant.LUMO_ICON, MenuBarVariant.LUMO_SMALL);
        MenuItem open = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        open.setAriaLabel("Scenario " + scenario.name() + ": edit, copy, move or remove");
        menu.setEnabled(!readOnly);
        SubMenu items = open.getSubMenu();
        items.addItem("Edit…", e -> edit(scenario));
        ScenarioResult result = results.get(scenario.name());
        items.addItem("Accept the new answer", e -> acceptNewAnswer(scenario))
                .setEnabled(result != null && !result.passed() && result.decision() != null);
        items.addItem("Duplicate", e -> change(blocks -> {
            Map<String, Object> copy = blocks.scenario(index(scenario));
            copy.put("name", copy.get("name") + " (copy)");
            blocks.insert(index(scenario) + 1, copy);
        }));
        items.addItem("Move up", e -> change(blocks -> blocks.move(index(scenario), -1)));
        items.addItem("Move down", e -> change(blocks -> blocks.move(index(scenario), 1)));
        items.addItem("Delete", e -> change(blocks -> blocks.remove(index(scenario))));
        return menu;
    }

    private int index(Scenario scenario) {
        return GridScenarios.indexOf(table, scenario);
    }

    private void addScenario() {
        Map<String, Object> fresh = new LinkedHashMap<>();
        fresh.put("name", "");
        fresh.put("given", new LinkedHashMap<>(Map.of("age", 30, "diagnoses", List.of(), "availableHoursPerWeek", 9)));
        fresh.put("expect", Map.of());
        ScenarioForm.of("New scenario", fresh, vocabulary, Optional.empty(), written -> {
            change(blocks -> blocks.insert(blocks.size(), written));
            table.scrollToEnd(); // the new scenario is the last one: show it
        }).open();
    }

    /** Lists the offered cases; the one picked opens as a new scenario's form, filled in. For tests, the dialog. */
    com.vaadin.flow.component.dialog.Dialog openOfferedCases() {
        tabs.setSelectedIndex(0);
        com.vaadin.flow.component.dialog.Dialog dialog = OfferedCasesDialog.of(shelf.cases(), shelf.changeRequestId(), vocabulary,
                chosen -> ScenarioForm.of("New scenario from an offered case", OfferedCasesDialog.scenario(chosen), vocabulary,
                        Optional.empty(), written -> {
                            change(blocks -> blocks.insert(blocks.size(), written));
                            shelf.used(chosen);
                            table.scrollToEnd();
                        }).open());
        dialog.open();
        return dialog;
    }

    /** Opens a scenario's form; for tests, the dialog it opened. */
    com.vaadin.flow.component.dialog.Dialog edit(Scenario scenario) {
        Optional<SuiteText> blocks = SuiteText.of(text());
        if (blocks.isEmpty() || readOnly) {
            tabs.setSelectedIndex(1);
            revealScenario(scenario.name());
            return null;
        }
        int at = index(scenario);
        ScenarioResult result = results.get(scenario.name());
        com.vaadin.flow.component.dialog.Dialog dialog = ScenarioForm.of("Scenario: " + scenario.name(), blocks.get().scenario(at), vocabulary,
                Optional.ofNullable(result).map(ScenarioResult::decision), written -> change(b -> b.replace(at, written)));
        dialog.open();
        return dialog;
    }

    /** After an intended change: the scenario expects what the rules decide now, in the parts it already checked. */
    void acceptNewAnswer(Scenario scenario) {
        ScenarioResult result = results.get(scenario.name());
        if (result == null || result.decision() == null) {
            return;
        }
        change(blocks -> {
            Map<String, Object> written = blocks.scenario(index(scenario));
            @SuppressWarnings("unchecked")
            Map<String, Object> expect = (Map<String, Object>) written.get("expect");
            written.put("expect", ScenarioExpectations.accept(expect, result.decision()));
            blocks.replace(index(scenario), written);
        });
    }

    /** A change to the suite through its blocks; the text (and so the text view and Save) follows. */
    private void change(java.util.function.Consumer<SuiteText> change) {
        Optional<SuiteText> blocks = SuiteText.of(text());
        if (blocks.isEmpty()) {
            Notifications.refused("This suite's text is laid out in a way the table cannot edit: edit it in the Text tab");
            return;
        }
        change.accept(blocks.get());
        text.setValue(blocks.get().text());
        refreshTable();
        onEdit.run();
    }

    Grid<Scenario> table() {
        return table;
    }

    private void refreshTable() {
        try {
            ScenarioSuite suite = ScenarioSuiteReader.read(path, text(), vocabulary);
            suiteName = suite.name();
            table.setItems(suite.scenarios());
            tableProblem.setText("");
            tableProblem.setVisible(false);
        } catch (ScenarioFormatException e) {
            table.setItems(List.of());
            tableProblem.setText("The text cannot be read as a suite: " + e.getMessage());
            tableProblem.setVisible(true);
        }
    }

    /** Where a scenario is in the grid's items (by position: two scenarios may read the same). */
    private static final class GridScenarios {
        static int indexOf(Grid<Scenario> grid, Scenario scenario) {
            List<Scenario> items = grid.getListDataView().getItems().toList();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == scenario) {
                    return i;
                }
            }
            return items.indexOf(scenario);
        }
    }

    private Component result(Scenario scenario) {
        ScenarioResult result = results.get(scenario.name());
        Span badge = new Span(result == null ? "not run" : result.outcome().name().toLowerCase());
        badge.getElement().getThemeList().add("badge pill small " + (result == null ? "contrast" : result.passed() ? "success" : "error"));
        return new Div(badge);
    }

    static String given(PlacementRequest given) {
        List<String> parts = new ArrayList<>();
        parts.add("age " + given.age());
        parts.add(String.join(" ", given.diagnoses()));
        var d = given.dimensions();
        parts.add("D1-D6 " + d.d1() + " " + d.d2() + " " + d.d3() + " " + d.d4() + " " + d.d5() + " " + d.d6());
        if (given.suicideRisk() != null) {
            parts.add("suicide risk " + given.suicideRisk().name().toLowerCase());
        }
        parts.add(given.availableHoursPerWeek() + " h/week");
        if (given.currentLevel() != null) {
            parts.add("now at " + given.currentLevel().code());
        }
        if (given.payer() != null) {
            parts.add(given.payer().name());
        }
        return String.join(" · ", parts);
    }

    static String flat(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + flat(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ScenarioSuiteEditor::flat).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
