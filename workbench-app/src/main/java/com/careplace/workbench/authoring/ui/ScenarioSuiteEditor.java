package com.careplace.workbench.authoring.ui;

import com.careplace.placement.PlacementRequest;
import com.careplace.scenario.Scenario;
import com.careplace.scenario.ScenarioFormatException;
import com.careplace.scenario.ScenarioResult;
import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.base.ui.CodeEditor;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private String suiteName = "";

    ScenarioSuiteEditor(String path, String yaml) {
        this.path = path;
        text.setValue(yaml);
        text.setSizeFull();
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        table.addComponentColumn(this::result).setHeader("Result").setWidth("7rem").setFlexGrow(0);
        table.addColumn(Scenario::name).setHeader("Scenario").setFlexGrow(2);
        table.addColumn(s -> given(s.given())).setHeader("Given").setFlexGrow(3);
        table.addColumn(s -> flat(s.expect())).setHeader("Expect").setFlexGrow(3);
        table.addColumn(s -> results.containsKey(s.name()) ? results.get(s.name()).finding() : "").setHeader("Finding").setFlexGrow(2);
        table.setSizeFull();
        // Inside a tab sheet a full-size grid can collapse to nothing: give it a floor.
        table.setMinHeight("20rem");
        tableProblem.addClassName("table-problem");
        VerticalLayout tableTab = new VerticalLayout(tableProblem, table);
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
        text.setReadOnly(readOnly);
    }

    Grid<Scenario> table() {
        return table;
    }

    private void refreshTable() {
        try {
            ScenarioSuite suite = ScenarioSuiteReader.read(path, text());
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
