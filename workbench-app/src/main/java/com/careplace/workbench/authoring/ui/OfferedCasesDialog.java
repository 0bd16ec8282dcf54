package com.careplace.workbench.authoring.ui;

import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.OfferedCase;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cases reviewers offered from real decisions, de-identified, for the author to keep as scenarios:
 * pick one and its form opens with the patient and the expected decision filled in.
 */
final class OfferedCasesDialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(ZoneId.systemDefault());

    private OfferedCasesDialog() {
    }

    /** @param pick receives the chosen case as a scenario to edit ({@code name}, {@code description}, {@code given}, {@code expect}) */
    static Dialog of(List<OfferedCase> cases, String changeRequestId, Vocabulary vocabulary, Consumer<OfferedCase> pick) {
        Dialog dialog = new Dialog();
        dialog.addClassName("offered-cases");
        dialog.setHeaderTitle("Cases offered from real decisions");
        dialog.setWidth("min(72rem, 96vw)");
        dialog.add(new Paragraph("Reviewers offer cases from the decision trace and from a review's impact, without what identifies "
                + "the patient. Pick one to add it to this suite as a scenario; you can change it before it is added."));
        Grid<OfferedCase> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(OfferedCasesDialog::nameAndNote).setHeader("Case").setFlexGrow(3);
        grid.addColumn(c -> patient(c.given(), vocabulary)).setHeader("Patient").setFlexGrow(3);
        grid.addColumn(c -> expected(c.expect())).setHeader("Expects").setFlexGrow(3);
        grid.addColumn(c -> c.offeredBy() + ", " + WHEN.format(c.offeredAt()) + " · " + c.origin()
                + (changeRequestId.equals(c.changeRequestId()) ? " · for this change request" : "")).setHeader("Offered").setFlexGrow(2);
        grid.addColumn(c -> c.use().map(u -> (changeRequestId.equals(u.changeRequestId()) ? "added here" : "added elsewhere")
                + " by " + u.by()).orElse("")).setHeader("Used").setFlexGrow(1);
        grid.setItems(cases);
        grid.setEmptyStateText("No case offered yet. A reviewer offers one from the decision trace or from a review's impact.");
        grid.setHeight("min(24rem, 50vh)");
        Button add = new Button("Add as scenario…", e -> grid.getSelectedItems().stream().findFirst().ifPresent(chosen -> {
            dialog.close();
            pick.accept(chosen);
        }));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setEnabled(false);
        grid.addSelectionListener(e -> add.setEnabled(e.getFirstSelectedItem().isPresent()));
        grid.addItemDoubleClickListener(e -> {
            dialog.close();
            pick.accept(e.getItem());
        });
        dialog.add(grid);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), add);
        return dialog;
    }

    /** The case as a scenario's YAML map, for the scenario form. */
    static Map<String, Object> scenario(OfferedCase offered) {
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("name", offered.name());
        if (!offered.note().isBlank()) {
            scenario.put("description", offered.note());
        }
        scenario.put("given", new LinkedHashMap<>(offered.given()));
        scenario.put("expect", new LinkedHashMap<>(offered.expect()));
        return scenario;
    }

    /** The expected decision in words: level and drivers, IOP, payer requirements and warnings. */
    static String expected(Map<String, Object> expect) {
        if (expect.isEmpty()) {
            return "nothing yet: you decide";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (expect.containsKey("level")) {
            parts.add("level " + expect.get("level") + (expect.get("drivingDimensions") instanceof List<?> d && !d.isEmpty()
                    ? " (driven by " + String.join(", ", d.stream().map(String::valueOf).toList()) + ")" : ""));
        }
        if (expect.get("iop") instanceof Map<?, ?> iop) {
            String reasons = iop.get("reasons") instanceof List<?> r && !r.isEmpty() ? " (" + String.join(", ", r.stream().map(String::valueOf).toList()) + ")" : "";
            String hours = iop.get("weeklyHours") instanceof Map<?, ?> h ? ", " + h.get("min") + "–" + h.get("max") + " h/week" : "";
            parts.add("IOP " + iop.get("status") + reasons + hours);
        }
        if (expect.get("payer") instanceof Map<?, ?> payer) {
            List<String> requirements = payer.get("requirements") instanceof List<?> r ? r.stream().map(q -> q instanceof Map<?, ?> m
                    ? m.get("code") + " every " + m.get("days") + " days" : String.valueOf(q)).toList() : List.of();
            List<String> warnings = payer.get("warnings") instanceof List<?> w ? w.stream().map(String::valueOf).toList() : List.of();
            parts.add(requirements.isEmpty() ? "no payer requirement" : "payer: " + String.join(", ", requirements));
            parts.add(warnings.isEmpty() ? "no warnings" : "warnings: " + String.join(", ", warnings));
        }
        return String.join(" · ", parts);
    }

    private static Component nameAndNote(OfferedCase offered) {
        Span name = new Span(offered.name());
        name.addClassName("case-name");
        Div cell = new Div(name);
        if (!offered.note().isBlank()) {
            Div note = new Div(offered.note());
            note.addClassName("case-note");
            cell.add(note);
        }
        return cell;
    }

    private static String patient(Map<String, Object> given, Vocabulary vocabulary) {
        try {
            return ScenarioSuiteEditor.given(PlacementRequestReader.read(given, vocabulary));
        } catch (InvalidPlacementRequestException e) {
            // e.g. a payer this change request removes: shown as offered, Check will say what no longer reads
            return ScenarioSuiteEditor.flat(given);
        }
    }
}
