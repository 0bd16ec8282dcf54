package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.rules.CompileProblem;
import com.vaadin.flow.component.Component;

import java.util.List;

/** An editor for one kind of rule asset; the change request screen keeps one per opened asset. */
interface AssetEditor {

    Component component();

    /** The text as the author has it now, saved or not. */
    String text();

    /** Replaces the content (after a save, or loading someone else's revision). */
    void load(String text);

    /** Shows the problems located in this asset; an empty list clears them. */
    void showProblems(List<CompileProblem> problems);

    /** Brings a problem's line or cell into view. */
    void reveal(CompileProblem problem);

    void setReadOnly(boolean readOnly);
}
