package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.authoring.ScenarioExpectations;
import com.careplace.placement.Dimension;
import com.careplace.placement.PlacementDecision;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One scenario as a form: the patient (given) in the request's own fields, each offering its allowed values,
 * and what the decision must be (expect), each part optional ("not checked"). Parts of the YAML the form does
 * not show (fired rules, recertification days, added request fields) are kept as they were.
 */
final class ScenarioForm {

    private static final String NOT_CHECKED = "not checked";
    private static final String NOT_GIVEN = "not given";

    private ScenarioForm() {
    }

    /**
     * @param scenario the scenario's YAML as read ({@code name}, {@code description}, {@code given}, {@code expect}); a copy is edited
     * @param latest   what the rules decided for this scenario at the last Check, if it ran
     * @param onSave   receives the scenario as it should be written
     */
    @SuppressWarnings("unchecked")
    static Dialog of(String heading, Map<String, Object> scenario, Vocabulary vocabulary, Optional<PlacementDecision> latest,
                     Consumer<Map<String, Object>> onSave) {
        Map<String, Object> given = new LinkedHashMap<>(scenario.get("given") instanceof Map<?, ?> g ? (Map<String, Object>) g : Map.of());
        Map<String, Object> expect = new LinkedHashMap<>(scenario.get("expect") instanceof Map<?, ?> e ? (Map<String, Object>) e : Map.of());
        Dialog dialog = new Dialog();
        dialog.addClassName("scenario-form");
        dialog.setHeaderTitle(heading);
        dialog.setWidth("min(60rem, 96vw)");

        TextField name = new TextField("Name");
        name.setValue(text(scenario.get("name")));
        name.setRequired(true);
        TextField description = new TextField("Description");
        description.setValue(text(scenario.get("description")));

        IntegerField age = number("Age", given.get("age"), 0, 130);
        TextField diagnoses = new TextField("Diagnoses (ICD-10-CM, comma-separated)");
        diagnoses.setValue(given.get("diagnoses") instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : "");
        diagnoses.setPlaceholder("e.g. F10.20, F32.1");
        Map<String, Object> dimensions = given.get("dimensions") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        List<Select<Integer>> ratings = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            Select<Integer> rating = new Select<>();
            rating.setLabel(dimension.name() + " " + dimension.title());
            rating.setItems(0, 1, 2, 3, 4);
            rating.setValue(dimensions.get(dimension.field()) instanceof Number n ? n.intValue() : 0);
            ratings.add(rating);
        }
        Select<String> suicideRisk = choice("Suicide risk", Arrays.stream(SuicideRisk.values()).map(Enum::name).toList(), given.get("suicideRisk"),
                NOT_GIVEN);
        IntegerField hours = number("Available hours per week", given.get("availableHoursPerWeek"), 0, 168);
        ComboBox<String> currentLevel = codes("Current level of care", vocabulary.levelsOfCare(), given.get("currentLevel"));
        currentLevel.setPlaceholder(NOT_GIVEN);
        ComboBox<String> payer = codes("Payer", vocabulary.payers(), given.get("payer"));
        payer.setPlaceholder(NOT_GIVEN);

        ComboBox<String> level = codes("Level of care", vocabulary.levelsOfCare(), expect.get("level"));
        MultiSelectComboBox<String> driving = many("Driving dimensions", Arrays.stream(Dimension.values()).map(Enum::name).toList(),
                expect.get("drivingDimensions"));
        Map<String, Object> iop = expect.get("iop") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Select<String> iopStatus = choice("IOP status", Arrays.stream(IopStatus.values()).map(Enum::name).toList(), iop.get("status"), NOT_CHECKED);
        MultiSelectComboBox<String> iopReasons = many("IOP reasons", vocabulary.iopReasons().stream().map(VocabularyEntry::code).toList(),
                iop.get("reasons"));
        Map<String, Object> payerOutcome = expect.get("payer") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        MultiSelectComboBox<String> warnings = many("Payer warnings", vocabulary.payerWarnings().stream().map(VocabularyEntry::code).toList(),
                payerOutcome.get("warnings"));

        FormLayout patient = new FormLayout(age, diagnoses, hours, suicideRisk, currentLevel, payer);
        ratings.forEach(patient::add);
        patient.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 3));
        FormLayout decision = new FormLayout(level, driving, iopStatus, iopReasons, warnings);
        decision.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 3));
        FormLayout about = new FormLayout(name, description);
        about.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2));
        dialog.add(about, new H4("Given: the patient"), patient, new H4("Expect: the decision"),
                new Paragraph("Leave a part empty (\"not checked\") when this scenario is not about it."), decision);

        Button fromRules = new Button("Fill in what the rules decided", e -> latest.ifPresent(actual -> {
            Map<String, Object> now = ScenarioExpectations.of(actual);
            level.setValue(String.valueOf(now.get("level")));
            driving.setValue(new LinkedHashSet<>((List<String>) now.get("drivingDimensions")));
            Map<String, Object> actualIop = (Map<String, Object>) now.get("iop");
            iopStatus.setValue(String.valueOf(actualIop.get("status")));
            iopReasons.setValue(new LinkedHashSet<>((List<String>) actualIop.get("reasons")));
            warnings.setValue(new LinkedHashSet<>((List<String>) ((Map<String, Object>) now.get("payer")).get("warnings")));
        }));
        fromRules.setEnabled(latest.isPresent());
        fromRules.setTooltipText(latest.isPresent() ? "What the rules decided for this scenario at the last Check"
                : "Check first: the rules have not decided this scenario yet");
        Button save = new Button("Done", e -> {
            if (name.getValue().isBlank()) {
                name.setErrorMessage("A scenario needs a name: it is what Check reports");
                name.setInvalid(true);
                return;
            }
            Map<String, Object> written = new LinkedHashMap<>();
            written.put("name", name.getValue().strip());
            if (!description.getValue().isBlank()) {
                written.put("description", description.getValue().strip());
            }
            Map<String, Object> newGiven = new LinkedHashMap<>(given);
            put(newGiven, "age", age.getValue());
            newGiven.put("diagnoses", Arrays.stream(diagnoses.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            Map<String, Object> newDimensions = new LinkedHashMap<>();
            for (int i = 0; i < ratings.size(); i++) {
                newDimensions.put(Dimension.values()[i].field(), ratings.get(i).getValue());
            }
            newGiven.put("dimensions", newDimensions);
            put(newGiven, "suicideRisk", suicideRisk.getValue());
            put(newGiven, "availableHoursPerWeek", hours.getValue());
            put(newGiven, "currentLevel", currentLevel.getValue());
            put(newGiven, "payer", payer.getValue());
            written.put("given", ordered(newGiven, List.of("requestId", "age", "diagnoses", "dimensions", "suicideRisk",
                    "availableHoursPerWeek", "currentLevel", "payer")));
            Map<String, Object> newExpect = new LinkedHashMap<>(expect);
            put(newExpect, "level", level.getValue());
            put(newExpect, "drivingDimensions", driving.getValue().isEmpty() && !expect.containsKey("drivingDimensions") ? null
                    : ordered(driving.getValue(), Arrays.stream(Dimension.values()).map(Enum::name).toList()));
            put(iop, "status", iopStatus.getValue());
            put(iop, "reasons", iopReasons.getValue().isEmpty() && !iop.containsKey("reasons") ? null : List.copyOf(iopReasons.getValue()));
            put(newExpect, "iop", iop.isEmpty() ? null : iop);
            put(payerOutcome, "warnings", warnings.getValue().isEmpty() && !payerOutcome.containsKey("warnings") ? null
                    : List.copyOf(warnings.getValue()));
            put(newExpect, "payer", payerOutcome.isEmpty() ? null : payerOutcome);
            if (newExpect.isEmpty()) {
                level.setErrorMessage("Expect at least one part of the decision");
                level.setInvalid(true);
                return;
            }
            written.put("expect", ordered(newExpect, List.of("requestId", "level", "drivingDimensions", "iop", "payer", "firedRules")));
            dialog.close();
            onSave.accept(written);
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(fromRules, new Button("Cancel", e -> dialog.close()), save);
        return dialog;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value == null || value instanceof String s && (s.isBlank() || s.equals(NOT_CHECKED) || s.equals(NOT_GIVEN))) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private static Map<String, Object> ordered(Map<String, Object> map, List<String> order) {
        Map<String, Object> sorted = new LinkedHashMap<>();
        order.stream().filter(map::containsKey).forEach(k -> sorted.put(k, map.get(k)));
        map.forEach(sorted::putIfAbsent);
        return sorted;
    }

    private static List<String> ordered(Set<String> values, List<String> order) {
        return order.stream().filter(values::contains).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static IntegerField number(String label, Object value, int min, int max) {
        IntegerField field = new IntegerField(label);
        field.setMin(min);
        field.setMax(max);
        field.setStepButtonsVisible(true);
        field.setHelperText(min + "–" + max);
        field.setValue(value instanceof Number n ? n.intValue() : null);
        return field;
    }

    private static Select<String> choice(String label, List<String> values, Object value, String none) {
        Select<String> select = new Select<>();
        select.setLabel(label);
        List<String> items = new ArrayList<>(List.of(none));
        items.addAll(values);
        select.setItems(items);
        select.setValue(value == null ? none : String.valueOf(value));
        return select;
    }

    private static <T extends VocabularyEntry> ComboBox<String> codes(String label, List<T> entries, Object value) {
        ComboBox<String> box = new ComboBox<>(label);
        box.setItems(entries.stream().map(VocabularyEntry::code).toList());
        box.setPlaceholder(NOT_CHECKED);
        box.setClearButtonVisible(true);
        box.setValue(value == null ? null : String.valueOf(value));
        return box;
    }

    private static MultiSelectComboBox<String> many(String label, List<String> values, Object value) {
        MultiSelectComboBox<String> box = new MultiSelectComboBox<>(label);
        box.setItems(values);
        box.setPlaceholder(NOT_CHECKED);
        if (value instanceof List<?> list) {
            box.setValue(new LinkedHashSet<>(list.stream().map(String::valueOf).filter(values::contains).toList()));
        }
        return box;
    }
}
