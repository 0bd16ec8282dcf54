package com.careplace.workbench.authoring.ui;

import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.AssetRevision;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.EditConflictException;
import com.careplace.workbench.base.ui.Notifications;
import com.careplace.workbench.rules.AssetTemplates;
import com.careplace.workbench.rules.RuleAsset;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/** The change request's dialogs to create, rename and delete assets; each reports back the path to show. */
final class AssetDialogs {

    /** The kinds of asset an author creates, as the dialog names them. */
    enum NewKind {
        DECISION_TABLE("Decision table", RuleAsset.RULES, ".drl.csv"),
        DRL("DRL rules", RuleAsset.RULES, ".drl"),
        SCENARIO_SUITE("Scenario suite", RuleAsset.SCENARIOS, ".yaml");

        final String label;
        final String folder;
        final String extension;

        NewKind(String label, String folder, String extension) {
            this.label = label;
            this.folder = folder;
            this.extension = extension;
        }
    }

    private AssetDialogs() {
    }

    /** New asset: kind, name, and for a decision table the fields it tests and what its rows conclude. */
    static Dialog create(ChangeRequestService changes, String changeRequestId, String me, Vocabulary vocabulary,
                         Consumer<String> created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New rule asset");
        dialog.addClassName("new-asset-dialog");
        Select<NewKind> kind = new Select<>();
        kind.setLabel("Kind");
        kind.setItems(NewKind.values());
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(NewKind.DECISION_TABLE);
        TextField name = new TextField("Name");
        name.setHelperText("Lower-case letters, digits and dashes, e.g. medicare-advantage");
        name.setWidthFull();
        TextField title = new TextField("Title");
        title.setHelperText("What it is about, in words: the table's heading, the file's first comment");
        title.setWidthFull();
        CheckboxGroup<AssetTemplates.Condition> conditions = new CheckboxGroup<>("Rows test");
        conditions.setItems(AssetTemplates.conditions(vocabulary));
        conditions.setItemLabelGenerator(AssetTemplates.Condition::heading);
        Select<AssetTemplates.Action> action = new Select<>();
        action.setLabel("Rows conclude");
        action.addClassName("rows-conclude");
        action.setWidthFull();
        action.setItems(AssetTemplates.Action.values());
        action.setItemLabelGenerator(AssetTemplates.Action::heading);
        action.setValue(AssetTemplates.Action.IOP_EXCLUSION);
        TextField reason = reasonField();
        kind.addValueChangeListener(e -> {
            conditions.setVisible(e.getValue() == NewKind.DECISION_TABLE);
            action.setVisible(e.getValue() == NewKind.DECISION_TABLE);
        });
        VerticalLayout form = new VerticalLayout(kind, name, title, conditions, action, reason);
        form.setPadding(false);
        form.setWidth("32rem");
        dialog.add(form);
        Button create = new Button("Create", e -> {
            String path = kind.getValue().folder + name.getValue().strip() + kind.getValue().extension;
            String heading = title.getValue().isBlank() ? name.getValue().strip() : title.getValue().strip();
            try {
                String text = switch (kind.getValue()) {
                    case DRL -> AssetTemplates.drl(heading);
                    case SCENARIO_SUITE -> AssetTemplates.scenarioSuite(heading);
                    case DECISION_TABLE -> AssetTemplates.decisionTable(heading,
                            conditions.getSelectedItems().stream().map(AssetTemplates.Condition::field).toList(),
                            action.getValue(), vocabulary);
                };
                AssetRevision revision = changes.create(changeRequestId, path, text, me, reason.getValue());
                dialog.close();
                Notifications.done("Created " + revision.path().substring(revision.path().lastIndexOf('/') + 1));
                created.accept(revision.path());
            } catch (IllegalArgumentException | IllegalStateException refused) {
                Notifications.refused(refused.getMessage());
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), create);
        return dialog;
    }

    /** Rename: a new name for the open asset, of the same kind. */
    static Dialog rename(ChangeRequestService changes, String changeRequestId, String me, AssetRevision asset,
                         Consumer<String> renamed) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename " + fileName(asset.path()));
        String folder = asset.path().substring(0, asset.path().lastIndexOf('/') + 1);
        String extension = extension(asset.path());
        TextField name = new TextField("New name");
        name.setValue(fileName(asset.path()).substring(0, fileName(asset.path()).length() - extension.length()));
        name.setSuffixComponent(new com.vaadin.flow.component.html.Span(extension));
        name.setWidthFull();
        TextField reason = reasonField();
        VerticalLayout form = new VerticalLayout(name, reason);
        form.setPadding(false);
        form.setWidth("28rem");
        dialog.add(form);
        Button rename = new Button("Rename", e -> {
            try {
                AssetRevision revision = changes.rename(changeRequestId, asset.path(), folder + name.getValue().strip() + extension,
                        asset.revision(), me, reason.getValue());
                dialog.close();
                Notifications.done("Renamed to " + fileName(revision.path()));
                renamed.accept(revision.path());
            } catch (EditConflictException conflict) {
                Notifications.refused("Someone saved " + fileName(asset.path()) + " meanwhile: open it again first");
            } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException refused) {
                Notifications.refused(refused.getMessage());
            }
        });
        rename.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), rename);
        return dialog;
    }

    /** Delete: confirm, with the reason the history keeps. */
    static Dialog delete(ChangeRequestService changes, String changeRequestId, String me, AssetRevision asset,
                         Runnable deleted) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + fileName(asset.path()) + "?");
        TextField reason = reasonField();
        VerticalLayout form = new VerticalLayout(new Paragraph("Its rules leave the release when this change request is "
                + "approved. Its history is kept, and the reviewer sees the deletion."), reason);
        form.setPadding(false);
        form.setWidth("28rem");
        dialog.add(form);
        Button delete = new Button("Delete", e -> {
            try {
                changes.delete(changeRequestId, asset.path(), asset.revision(), me, reason.getValue());
                dialog.close();
                Notifications.done("Deleted " + fileName(asset.path()));
                deleted.run();
            } catch (EditConflictException conflict) {
                Notifications.refused("Someone saved " + fileName(asset.path()) + " meanwhile: open it again first");
            } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException refused) {
                Notifications.refused(refused.getMessage());
            }
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), delete);
        return dialog;
    }

    private static TextField reasonField() {
        TextField reason = new TextField("Why");
        reason.setPlaceholder("Kept in the history");
        reason.setWidthFull();
        return reason;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String extension(String path) {
        return List.of(".drl.csv", ".drl", ".yaml").stream().filter(path::endsWith).findFirst().orElse("");
    }
}
