package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/** The small icon buttons of a grid row (move up, move down, insert, remove): labelled for screen readers and tooltips. */
public final class RowButtons {

    private RowButtons() {
    }

    /** An icon button that runs {@code action}, labelled {@code label}; disabled when {@code enabled} is false. */
    public static Button of(VaadinIcon icon, String label, boolean enabled, Runnable action) {
        Button button = new Button(icon.create(), e -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        button.setEnabled(enabled);
        return button;
    }
}
