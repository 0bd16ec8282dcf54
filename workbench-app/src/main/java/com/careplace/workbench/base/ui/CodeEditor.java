package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * A plain-text source editor: monospace, no wrapping, line numbers, and lines with problems marked in
 * the gutter (hover for the message). Built from a native textarea with a little inline script, since a
 * highlighting editor would need a custom frontend build (Node 24) that this project does not take on.
 */
@Tag("div")
public class CodeEditor extends Div {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Element gutter = new Element("pre");
    private final Element text = new Element("textarea");
    private final Map<Integer, String> problems = new TreeMap<>();
    private Runnable onChange = () -> { };

    public CodeEditor() {
        addClassName("code-editor");
        gutter.getClassList().add("gutter");
        gutter.setAttribute("aria-hidden", "true");
        text.setAttribute("spellcheck", "false");
        text.setAttribute("wrap", "off");
        text.setAttribute("autocapitalize", "off");
        text.setProperty("value", "");
        // Synchronised on every input event, not debounced: Save and Check must see the last edit, and a
        // debounced sync could still be pending when the author's click arrives.
        text.addPropertyChangeListener("value", "input", e -> onChange.run());
        getElement().appendChild(gutter, text);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        text.executeJs("""
                const ta = this, g = $0;
                g.__problems = g.__problems || {};
                g.__render = () => {
                  const lines = ta.value.split('\\n').length;
                  const out = [];
                  for (let i = 1; i <= lines; i++) {
                    const p = g.__problems[i];
                    out.push(p ? '<span class="problem" title="' + p.replace(/&/g,'&amp;').replace(/"/g,'&quot;').replace(/</g,'&lt;')
                        + '">' + i + '</span>' : String(i));
                  }
                  g.innerHTML = out.join('\\n');
                  g.scrollTop = ta.scrollTop;
                };
                if (!ta.__wired) {
                  ta.addEventListener('input', g.__render);
                  ta.addEventListener('scroll', () => { g.scrollTop = ta.scrollTop; });
                  ta.__wired = true;
                }
                g.__render();""", gutter);
        showProblems();
    }

    public String getValue() {
        return text.getProperty("value", "");
    }

    public void setValue(String value) {
        text.setProperty("value", value);
        text.executeJs("if ($0.__render) { $0.__render(); }", gutter);
    }

    /** Called after the author changed the text. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    public void setReadOnly(boolean readOnly) {
        text.setProperty("readOnly", readOnly);
    }

    /** Marks lines (1-based) with their problem messages; replaces earlier marks. */
    public void setProblems(Map<Integer, String> byLine) {
        problems.clear();
        problems.putAll(byLine);
        showProblems();
    }

    /** The marked lines, for tests and for the problem list. */
    public Map<Integer, String> problems() {
        return Map.copyOf(problems);
    }

    /** Puts the cursor on a line (and column) and scrolls it into view. */
    public void goTo(int line, int column) {
        text.executeJs("""
                const lines = this.value.split('\\n');
                let at = 0;
                for (let i = 0; i < Math.min($0 - 1, lines.length); i++) { at += lines[i].length + 1; }
                const end = at + (lines[$0 - 1] || '').length;
                this.focus();
                this.setSelectionRange(at + Math.max(0, $1 - 1), end);
                const lineHeight = parseFloat(getComputedStyle(this).lineHeight) || 20;
                this.scrollTop = Math.max(0, ($0 - 5) * lineHeight);""", line, column);
    }

    private void showProblems() {
        text.executeJs("$0.__problems = JSON.parse($1); if ($0.__render) { $0.__render(); }", gutter, JSON.writeValueAsString(problems));
    }
}
