package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import java.util.List;

/**
 * Naming a logged case for authors, who may not read the decision log: the decision trace and the review's
 * impact offer a case through it. It says what authors will and will not see before anything is offered.
 */
public final class OfferCaseDialog {

    /** Offers the case; returns what to tell the user, or throws {@link IllegalArgumentException} naming what is wrong. */
    @FunctionalInterface
    public interface Offering {
        String offer(String name, String note, String expectation);
    }

    private OfferCaseDialog() {
    }

    /**
     * @param about        which case, in words the user knows it by
     * @param expectations what the scenario may expect, the first chosen; one choice shows no picker
     */
    public static Dialog open(String about, List<String> expectations, Offering offering) {
        Dialog dialog = new Dialog();
        dialog.addClassName("offer-case");
        dialog.setHeaderTitle("Offer as a test case");
        dialog.setWidth("min(36rem, 96vw)");
        Paragraph what = new Paragraph(about + ". Authors get the assessment only, to add to a scenario suite: no request id, "
                + "no decision id, no date; an age over 89 is written as 90.");
        TextField name = new TextField("Name for authors");
        name.setWidthFull();
        name.setRequired(true);
        name.setMaxLength(120);
        name.setPlaceholder("e.g. Teen on TRICARE, 6 hours, moderate D3");
        name.setHelperText("Say what makes the case matter clinically, never who the patient is");
        TextArea note = new TextArea("Note (optional)");
        note.setWidthFull();
        note.setMaxLength(1000);
        RadioButtonGroup<String> expect = new RadioButtonGroup<>("The scenario expects");
        expect.setItems(expectations);
        expect.setValue(expectations.getFirst());
        expect.setVisible(expectations.size() > 1);
        dialog.add(what, name, note, expect);
        Button offer = new Button("Offer to authors", e -> {
            try {
                Notifications.done(offering.offer(name.getValue(), note.getValue(), expect.getValue()));
                dialog.close();
            } catch (IllegalArgumentException refused) {
                name.setErrorMessage(refused.getMessage());
                name.setInvalid(true);
            } catch (java.util.NoSuchElementException | IllegalStateException gone) {
                // the decision was purged meanwhile, or its release cannot be loaded: nothing was offered
                Notifications.refused("Not offered: " + gone.getMessage());
            }
        });
        offer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), offer);
        dialog.open();
        name.focus();
        return dialog;
    }
}
