package com.careplace.workbench.authoring.ui;

import com.careplace.workbench.rules.CompileProblem;
import com.careplace.workbench.base.ui.CodeEditor;
import com.careplace.workbench.rules.DrlWords;
import com.vaadin.flow.component.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** DRL (and any other text asset): the code editor with problems marked on their lines. */
class SourceEditor implements AssetEditor {

    private final CodeEditor editor = new CodeEditor();

    SourceEditor(String text) {
        editor.setValue(text);
        editor.setSizeFull();
    }

    /** A DRL file: keywords, fact types and the vocabulary coloured and completed. */
    static SourceEditor drl(String text, com.careplace.placement.vocabulary.Vocabulary vocabulary) {
        SourceEditor drl = new SourceEditor(text);
        drl.editor.setHighlighting(DrlWords.KEYWORDS, DrlWords.types(), DrlWords.completions(vocabulary));
        return drl;
    }

    @Override
    public Component component() {
        return editor;
    }

    @Override
    public String text() {
        return editor.getValue();
    }

    @Override
    public void load(String text) {
        editor.setValue(text);
    }

    @Override
    public void showProblems(List<CompileProblem> problems) {
        Map<Integer, String> byLine = new TreeMap<>();
        problems.stream().filter(p -> p.line() != null)
                .forEach(p -> byLine.merge(p.line(), (p.column() == null ? "" : "column " + p.column() + ": ") + p.message(),
                        (a, b) -> a + "\n" + b));
        editor.setProblems(byLine);
    }

    @Override
    public void reveal(CompileProblem problem) {
        if (problem.line() != null) {
            editor.goTo(problem.line(), problem.column() == null ? 1 : problem.column());
        }
    }

    @Override
    public void onEdit(Runnable listener) {
        editor.onChange(listener);
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        editor.setReadOnly(readOnly);
    }

    CodeEditor codeEditor() {
        return editor;
    }
}
