package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.TreeMap;

/**
 * A source editor: monospace, no wrapping, line numbers, and lines with problems marked in the gutter
 * (hover for the message). Given words ({@link #setHighlighting}), it colours keywords, types, strings,
 * numbers and comments, and offers completion of the words that start with what is being typed (or on
 * Ctrl+Space): arrows to choose, Enter or Tab to take one, Escape to close. Built from a native textarea with
 * a coloured copy of its text underneath and a little inline script, rather than a code-editor component:
 * those need the custom frontend build (Node 24 and npm packages) that this project does not take on.
 */
@Tag("div")
public class CodeEditor extends Div {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Element gutter = new Element("pre");
    private final Element area = new Element("div");
    private final Element highlight = new Element("pre");
    private final Element completions = new Element("div");
    private final Element text = new Element("textarea");
    private final Map<Integer, String> problems = new TreeMap<>();
    private Runnable onChange = () -> { };
    private Map<String, java.util.List<String>> highlighting;

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
        area.getClassList().add("code-area");
        highlight.getClassList().add("highlight");
        highlight.setAttribute("aria-hidden", "true");
        completions.getClassList().add("completions");
        completions.setAttribute("role", "listbox");
        completions.setAttribute("aria-label", "Completions");
        area.appendChild(highlight, text, completions);
        getElement().appendChild(gutter, area);
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
                const hl = $1, box = $2;
                const esc = t => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
                ta.__paint = () => {
                  const words = ta.__highlight;
                  if (!words) { hl.innerHTML = ''; ta.classList.remove('highlighted'); return; }
                  ta.classList.add('highlighted');
                  const token = /(\\/\\/[^\\n]*|\\/\\*[\\s\\S]*?\\*\\/)|("(?:[^"\\\\\\n]|\\\\.)*"?)|(\\b\\d+(?:\\.\\d+)?\\b)|([A-Za-z_][\\w-]*)/g;
                  let out = '', last = 0, m;
                  while ((m = token.exec(ta.value)) !== null) {
                    out += esc(ta.value.slice(last, m.index));
                    const cls = m[1] ? 'com' : m[2] ? 'str' : m[3] ? 'num'
                      : words.keywords.has(m[4]) ? 'kw' : words.types.has(m[4]) ? 'type' : null;
                    out += cls ? '<span class="' + cls + '">' + esc(m[0]) + '</span>' : esc(m[0]);
                    last = token.lastIndex;
                  }
                  hl.innerHTML = out + esc(ta.value.slice(last)) + '\\n';
                  hl.scrollTop = ta.scrollTop; hl.scrollLeft = ta.scrollLeft;
                };
                const close = () => { box.style.display = 'none'; box.__items = []; };
                const prefix = () => {
                  const before = ta.value.slice(0, ta.selectionStart);
                  const m = /[A-Za-z_][\\w.]*$/.exec(before);
                  return m ? m[0] : '';
                };
                const choose = i => {
                  box.__index = i;
                  [...box.children].forEach((c, j) => { c.classList.toggle('active', j === i); c.setAttribute('aria-selected', j === i); });
                  if (box.children[i]) { box.children[i].scrollIntoView({block: 'nearest'}); }
                };
                const take = word => {
                  const p = prefix();
                  ta.setRangeText(word, ta.selectionStart - p.length, ta.selectionStart, 'end');
                  close();
                  ta.dispatchEvent(new Event('input', {bubbles: true}));
                  ta.focus();
                };
                ta.__complete = force => {
                  const words = ta.__highlight;
                  const p = prefix();
                  if (!words || (!force && p.length < 2)) { close(); return; }
                  const items = words.completions.filter(w => w.startsWith(p) && w !== p).slice(0, 12);
                  if (items.length === 0) { close(); return; }
                  box.innerHTML = '';
                  items.forEach((w, i) => {
                    const item = document.createElement('div');
                    item.className = 'completion'; item.setAttribute('role', 'option'); item.textContent = w;
                    item.addEventListener('mousedown', e => { e.preventDefault(); take(w); });
                    box.appendChild(item);
                  });
                  box.__items = items;
                  const lines = ta.value.slice(0, ta.selectionStart).split('\\n');
                  const lh = parseFloat(getComputedStyle(ta).lineHeight) || 20;
                  const cw = ta.__charWidth || (ta.__charWidth = (() => { const c = document.createElement('canvas').getContext('2d');
                    c.font = getComputedStyle(ta).font; return c.measureText('M').width || 8; })());
                  box.style.top = (8 + lines.length * lh - ta.scrollTop) + 'px';
                  box.style.left = Math.max(0, 8 + (lines[lines.length - 1].length - p.length) * cw - ta.scrollLeft) + 'px';
                  box.style.display = 'block';
                  // Near the bottom of the editor the list opens above the line instead of being cut off.
                  if (box.offsetTop + box.offsetHeight > ta.clientHeight) {
                    box.style.top = Math.max(0, 8 + (lines.length - 1) * lh - ta.scrollTop - box.offsetHeight) + 'px';
                  }
                  choose(0);
                };
                if (!ta.__wired) {
                  ta.addEventListener('input', () => { g.__render(); ta.__paint(); ta.__complete(false); });
                  ta.addEventListener('scroll', () => { g.scrollTop = ta.scrollTop; hl.scrollTop = ta.scrollTop; hl.scrollLeft = ta.scrollLeft; close(); });
                  ta.addEventListener('blur', close);
                  ta.addEventListener('keydown', e => {
                    const open = box.style.display === 'block' && box.__items && box.__items.length;
                    if (e.key === ' ' && e.ctrlKey) { e.preventDefault(); ta.__complete(true); return; }
                    if (!open) { return; }
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      const n = box.__items.length;
                      choose((box.__index + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
                    } else if (e.key === 'Enter' || e.key === 'Tab') {
                      e.preventDefault(); take(box.__items[box.__index]);
                    } else if (e.key === 'Escape') {
                      e.preventDefault(); close();
                    }
                  });
                  ta.__wired = true;
                }
                g.__render();
                ta.__paint();""", gutter, highlight, completions);
        sendHighlighting();
        showProblems();
    }

    public String getValue() {
        return text.getProperty("value", "");
    }

    public void setValue(String value) {
        text.setProperty("value", value);
        text.executeJs("if ($0.__render) { $0.__render(); } if (this.__paint) { this.__paint(); }", gutter);
    }

    /**
     * Colours {@code keywords} and {@code types} and offers {@code completions} as the author types (DRL); without
     * it the editor shows plain text (YAML, CSV).
     */
    public void setHighlighting(java.util.Collection<String> keywords, java.util.Collection<String> types,
                                java.util.List<String> completions) {
        this.highlighting = Map.of("keywords", java.util.List.copyOf(keywords), "types", java.util.List.copyOf(types),
                "completions", java.util.List.copyOf(completions));
        sendHighlighting();
    }

    private void sendHighlighting() {
        if (highlighting == null) {
            return;
        }
        text.executeJs("""
                const w = JSON.parse($0);
                this.__highlight = {keywords: new Set(w.keywords), types: new Set(w.types), completions: w.completions};
                if (this.__paint) { this.__paint(); }""", JSON.writeValueAsString(highlighting));
    }

    /** Called after the author changed the text. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    public void setReadOnly(boolean readOnly) {
        text.setProperty("readOnly", readOnly);
    }

    public boolean isReadOnly() {
        return text.getProperty("readOnly", false);
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
