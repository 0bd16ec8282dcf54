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

    /** Called after every change the author makes, so that the screen can mark the asset unsaved. */
    void onEdit(Runnable listener);

    /** Marks the rules table verification found something about; an empty list clears the marks. */
    default void showFindings(java.util.List<com.careplace.workbench.rules.TableVerification.Finding> findings) {
    }

    /** Brings the rules of a finding into view. */
    default void reveal(com.careplace.workbench.rules.TableVerification.Finding finding) {
    }

    /** What the editor shows is now saved: it stops marking its edits as unsaved. */
    /** The spreadsheet imported into this editor since the last save, if any: kept with the asset when saved. */
    default java.util.Optional<com.careplace.workbench.authoring.SourceWorkbook> importedFrom() {
        return java.util.Optional.empty();
    }

    default void markSaved() {
    }

    /** Where a problem located in this asset is, in the author's words: "line 12, column 5", "rule 4 (…), Payer". */
    default String describe(CompileProblem problem) {
        if (problem.line() == null) {
            return "";
        }
        return "line " + problem.line() + (problem.column() == null ? "" : ", column " + problem.column());
    }
}
