package com.careplace.workbench.authoring.ui;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.base.ui.RowButtons;
import com.careplace.workbench.rules.AssetTemplates;
import com.careplace.workbench.rules.DecisionTableDraft;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;

import java.util.List;
import java.util.stream.IntStream;

/**
 * A table's columns: add a condition (a field of the assessment, compared as its type suggests) or an
 * outcome (exclude from IOP, raise the level, add a payer requirement, raise a payer warning) picked from
 * lists, with no code typed; rename, move and remove columns. "Show the code" opens each column's object type
 * and code for those who write them: the rule policy checks them like any rule code.
 */
final class TableColumnsDialog {

    private TableColumnsDialog() {
    }

    static Dialog of(DecisionTableDraft.RuleTable table, Vocabulary vocabulary, Runnable changed) {
        Dialog dialog = new Dialog();
        dialog.addClassName("table-columns-dialog");
        dialog.setHeaderTitle("Columns of " + (table.name().isEmpty() ? "the table" : table.name()));
        dialog.setWidth("min(60rem, 96vw)");
        Grid<Integer> columns = new Grid<>();
        Checkbox advanced = new Checkbox("Show the code (object type and template of each column)");
        Runnable refresh = () -> {
            columns.setItems(IntStream.range(0, table.width()).filter(c -> !table.kind(c).isEmpty() || !table.heading(c).isEmpty())
                    .boxed().toList());
            changed.run();
        };
        columns.addThemeVariants(GridVariant.LUMO_COMPACT);
        columns.addClassName("table-columns");
        columns.addColumn(c -> switch (table.kind(c)) {
            case "NAME" -> "rule name";
            case "CONDITION" -> "When";
            case "ACTION" -> "Then";
            default -> table.kind(c).toLowerCase(java.util.Locale.ROOT);
        }).setHeader("Part").setWidth("7rem").setFlexGrow(0);
        columns.addComponentColumn(c -> field(table.headings(), table, c, "Heading", changed)).setHeader("Heading").setFlexGrow(2);
        Grid.Column<Integer> object = columns.addComponentColumn(c -> table.kind(c).equals("NAME") ? new Paragraph()
                : field(table.objectTypes(), table, c, "Object type", changed)).setHeader("Object type").setFlexGrow(1);
        Grid.Column<Integer> code = columns.addComponentColumn(c -> table.kind(c).equals("NAME") ? new Paragraph()
                : field(table.code(), table, c, "Code", changed)).setHeader("Code").setFlexGrow(3).setKey("code");
        columns.addComponentColumn(c -> {
            boolean name = table.kind(c).equals("NAME");
            Button up = RowButtons.of(VaadinIcon.ARROW_LEFT, "Move left", !name && c > 0 && !table.kind(c - 1).equals("NAME"), () -> {
                table.moveColumn(c, -1);
                refresh.run();
            });
            Button down = RowButtons.of(VaadinIcon.ARROW_RIGHT, "Move right", !name && c < table.width() - 1, () -> {
                table.moveColumn(c, 1);
                refresh.run();
            });
            Button remove = RowButtons.of(VaadinIcon.TRASH, "Remove this column and its cells", !name, () -> {
                table.removeColumn(c);
                refresh.run();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
            HorizontalLayout buttons = new HorizontalLayout(up, down, remove);
            buttons.setSpacing(false);
            return buttons;
        }).setHeader("").setWidth("8rem").setFlexGrow(0);
        object.setVisible(false);
        code.setVisible(false);
        advanced.addValueChangeListener(e -> {
            object.setVisible(e.getValue());
            code.setVisible(e.getValue());
        });
        columns.setAllRowsVisible(true);

        Select<AssetTemplates.Condition> condition = new Select<>();
        condition.setLabel("Add a condition: what the rule tests");
        condition.setItems(AssetTemplates.conditions(vocabulary));
        condition.setItemLabelGenerator(AssetTemplates.Condition::heading);
        condition.setWidth("18rem");
        Button addCondition = new Button("Add condition", VaadinIcon.PLUS.create(), e -> {
            if (condition.getValue() == null) {
                condition.setInvalid(true);
                condition.setErrorMessage("Pick what the rule tests");
                return;
            }
            int at = lastOf(table, "CONDITION", "NAME") + 1;
            table.insertColumn(at, "CONDITION", "Assessment", condition.getValue().code(), condition.getValue().heading());
            condition.clear();
            refresh.run();
        });
        Select<AssetTemplates.Action> action = new Select<>();
        action.setLabel("Add an outcome: what the rule concludes");
        action.setItems(AssetTemplates.Action.values());
        action.setItemLabelGenerator(AssetTemplates.Action::heading);
        action.setWidth("18rem");
        Button addAction = new Button("Add outcome", VaadinIcon.PLUS.create(), e -> {
            if (action.getValue() == null) {
                action.setInvalid(true);
                action.setErrorMessage("Pick what the rule concludes");
                return;
            }
            table.insertColumn(table.width(), "ACTION", "", action.getValue().code(), action.getValue().heading());
            action.clear();
            refresh.run();
        });
        HorizontalLayout adding = new HorizontalLayout(condition, addCondition, action, addAction);
        adding.setAlignItems(FlexComponent.Alignment.BASELINE);
        adding.setWrap(true);
        refresh.run();
        dialog.add(columns, advanced, new H4("Add a column"), adding,
                new Paragraph("New columns start empty in every rule: a rule with an empty cell does not test that column."));
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        return dialog;
    }

    private static int lastOf(DecisionTableDraft.RuleTable table, String... kinds) {
        int last = -1;
        for (int c = 0; c < table.width(); c++) {
            if (List.of(kinds).contains(table.kind(c))) {
                last = c;
            }
        }
        return last;
    }

    private static Component field(List<String> part, DecisionTableDraft.RuleTable table, int column, String label, Runnable changed) {
        String value = column < part.size() ? part.get(column) : "";
        // Code over several lines (as Excel keeps it) in a field that keeps its line breaks; a text field would drop them.
        com.vaadin.flow.component.AbstractField<?, String> field;
        if (value.indexOf('\n') >= 0) {
            com.vaadin.flow.component.textfield.TextArea area = new com.vaadin.flow.component.textfield.TextArea();
            area.addThemeVariants(com.vaadin.flow.component.textfield.TextAreaVariant.LUMO_SMALL);
            area.setWidthFull();
            field = area;
        } else {
            TextField text = new TextField();
            text.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            text.setWidthFull();
            field = text;
        }
        field.setValue(value);
        field.getElement().setAttribute("aria-label", label + ", column " + (column + 1));
        field.addValueChangeListener(e -> {
            table.setHeader(part, column, e.getValue());
            changed.run();
        });
        return field;
    }
}
