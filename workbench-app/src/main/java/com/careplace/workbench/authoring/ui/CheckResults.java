package com.careplace.workbench.authoring.ui;

import com.careplace.scenario.ScenarioResult;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.rules.TableVerification;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the last check found: compile problems (click one to go to its line or cell), the result of
 * every scenario with expected against actual, and the rules no scenario fired.
 */
class CheckResults extends VerticalLayout {

    private final Span summary = new Span("Not checked yet. Check compiles this change request and runs every scenario suite.");
    private final Grid<CompileProblem> problems = new Grid<>();
    private final Grid<ScenarioResult> scenarios = new Grid<>();
    private final Div neverFired = new Div();
    private final Grid<TableVerification.Finding> findings = new Grid<>();
    private final TabSheet tabs = new TabSheet();

    CheckResults(Consumer<CompileProblem> onProblem, Consumer<ScenarioResult> onScenario, Function<CompileProblem, String> where,
                 Consumer<TableVerification.Finding> onFinding, Function<TableVerification.Finding, String> findingWhere) {
        setPadding(false);
        setSpacing(false);
        addClassName("check-results");
        summary.addClassName("check-summary");
        problems.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        problems.addColumn(where::apply).setHeader("Where").setWidth("22rem").setFlexGrow(0);
        problems.addColumn(CompileProblem::message).setHeader("Problem").setFlexGrow(1);
        problems.addItemClickListener(e -> onProblem.accept(e.getItem()));
        problems.setSizeFull();
        scenarios.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        scenarios.addComponentColumn(CheckResults::outcome).setHeader("Result").setWidth("6.5rem").setFlexGrow(0);
        scenarios.addColumn(ScenarioResult::suite).setHeader("Suite").setWidth("13rem").setFlexGrow(0);
        scenarios.addColumn(ScenarioResult::scenario).setHeader("Scenario").setFlexGrow(1);
        scenarios.addColumn(ScenarioResult::finding).setHeader("Expected vs actual").setFlexGrow(2);
        scenarios.addItemClickListener(e -> onScenario.accept(e.getItem()));
        scenarios.setSizeFull();
        findings.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        findings.addComponentColumn(CheckResults::kind).setHeader("Finding").setWidth("10rem").setFlexGrow(0);
        findings.addColumn(findingWhere::apply).setHeader("Where").setWidth("18rem").setFlexGrow(0);
        findings.addColumn(TableVerification.Finding::message).setHeader("What it means").setFlexGrow(1);
        findings.addItemClickListener(e -> onFinding.accept(e.getItem()));
        findings.setSizeFull();
        tabs.add("Problems", problems);
        tabs.add("Scenarios", scenarios);
        tabs.add("Table checks", findings);
        tabs.add("Rules never fired", neverFired);
        tabs.setSizeFull();
        add(summary, tabs);
        setFlexGrow(1, tabs);
    }

    void show(CheckReport report) {
        problems.setItems(report.compileProblems());
        List<ScenarioResult> results = report.suites() == null ? List.of() : report.suites().results().stream()
                .sorted(Comparator.comparing(ScenarioResult::passed)).toList();
        scenarios.setItems(results);
        neverFired.removeAll();
        if (report.suites() != null) {
            report.suites().neverFired().forEach(rule -> neverFired.add(new Div(rule)));
            if (report.suites().neverFired().isEmpty()) {
                neverFired.add(new Span("Every rule fired in at least one scenario."));
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        String text;
        if (report.stopped() != null) {
            text = "Check stopped: " + report.stopped();
            tabs.setSelectedIndex(0);
        } else if (!report.compileProblems().isEmpty()) {
            text = "Does not compile: " + report.compileProblems().size() + " problem(s). Scenarios were not run.";
            tabs.setSelectedIndex(0);
        } else if (!report.suiteProblems().isEmpty()) {
            text = "Compiles, but a suite cannot be read: " + String.join("; ", report.suiteProblems());
        } else if (failed > 0) {
            text = "Compiles · " + failed + " of " + results.size() + " scenarios fail";
            tabs.setSelectedIndex(1);
        } else {
            text = "Compiles · all " + results.size() + " scenarios pass";
            tabs.setSelectedIndex(1);
        }
        findings.setItems(report.tableFindings());
        if (!report.tableFindings().isEmpty()) {
            text += " · " + report.tableFindings().size() + " table finding(s)";
            if (report.passes() && failed == 0) {
                tabs.setSelectedIndex(2);
            }
        }
        if (report.suites() != null && !report.suites().neverFired().isEmpty()) {
            text += " · " + report.suites().neverFired().size() + " rule(s) never fired";
        }
        text += report.stopped() != null ? "" // its time is the bound's, said in the message
                : " · compile " + report.compileTime().toMillis() + " ms, suites " + report.suiteTime().toMillis() + " ms";
        summary.setText(text);
        summary.getElement().setAttribute("data-passes", String.valueOf(report.passes()));
        summary.getElement().getThemeList().clear();
        summary.getElement().getThemeList().add("badge " + (report.passes() ? "success" : "error"));
    }

    String summaryText() {
        return summary.getText();
    }

    Grid<CompileProblem> problems() {
        return problems;
    }

    Grid<ScenarioResult> scenarios() {
        return scenarios;
    }

    Grid<TableVerification.Finding> findings() {
        return findings;
    }

    private static Component kind(TableVerification.Finding finding) {
        Span badge = new Span(finding.kind().label());
        badge.getElement().getThemeList().add("badge small " + switch (finding.kind()) {
            case CONFLICT, NEVER_MATCHES -> "error";
            case GAP, MATCHES_EVERYTHING -> "warning";
            default -> "contrast";
        });
        return badge;
    }

    private static Component outcome(ScenarioResult result) {
        Span badge = new Span(result.outcome().name().toLowerCase());
        badge.getElement().getThemeList().add("badge pill small " + (result.passed() ? "success" : "error"));
        return badge;
    }
}
