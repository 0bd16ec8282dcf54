package com.careplace.workbench.authoring.ui;

import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A scenario suite's YAML as a list of scenario blocks, so that the scenario table can add, change, copy,
 * move and remove one scenario and leave every other line of the text as the author wrote it: the reviewer's
 * diff shows the scenario that changed, nothing else.
 */
final class SuiteText {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<String> head;
    private final List<List<String>> blocks;
    private final List<String> tail;

    private SuiteText(List<String> head, List<List<String>> blocks, List<String> tail) {
        this.head = head;
        this.blocks = blocks;
        this.tail = tail;
    }

    /**
     * The suite's blocks, when its text is laid out as suites are ({@code scenarios:} then one {@code "  - "}
     * item per scenario); empty when it is not, and the table then leaves editing to the text view.
     */
    static Optional<SuiteText> of(String yaml) {
        List<String> lines = List.of(yaml.split("\n", -1));
        int start = lines.indexOf("scenarios:");
        if (start < 0) {
            return Optional.empty();
        }
        List<String> head = new ArrayList<>(lines.subList(0, start + 1));
        List<List<String>> blocks = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("  - ")) {
                blocks.add(new ArrayList<>(List.of(line)));
            } else if (!blocks.isEmpty() && (line.startsWith("    ") || line.isBlank())) {
                blocks.getLast().add(line);
            } else if (line.isBlank() && blocks.isEmpty()) {
                head.add(line);
            } else {
                return Optional.empty();
            }
        }
        // Blank lines after the last scenario belong to the file, not to it.
        if (!blocks.isEmpty()) {
            List<String> last = blocks.getLast();
            while (last.size() > 1 && last.getLast().isBlank()) {
                tail.addFirst(last.removeLast());
            }
        }
        return Optional.of(new SuiteText(head, blocks, tail));
    }

    int size() {
        return blocks.size();
    }

    /** One scenario as its YAML read it: name, description, given, expect. */
    @SuppressWarnings("unchecked")
    Map<String, Object> scenario(int index) {
        // The block as a one-item list of its own: every line two spaces less indented.
        String block = String.join("\n", blocks.get(index).stream().map(l -> l.startsWith("  ") ? l.substring(2) : l).toList());
        List<Object> items = YAML.readValue(block, List.class);
        return new LinkedHashMap<>((Map<String, Object>) items.getFirst());
    }

    void replace(int index, Map<String, Object> scenario) {
        blocks.set(index, lines(scenario));
    }

    void insert(int index, Map<String, Object> scenario) {
        blocks.add(index, lines(scenario));
    }

    void remove(int index) {
        blocks.remove(index);
    }

    void move(int index, int by) {
        int to = index + by;
        if (to >= 0 && to < blocks.size()) {
            blocks.add(to, blocks.remove(index));
        }
    }

    String text() {
        List<String> all = new ArrayList<>(head);
        blocks.forEach(all::addAll);
        all.addAll(tail);
        return String.join("\n", all);
    }

    /** A scenario written as the 1.0.0 suites are: one key per line, lists and small mappings inline. */
    static List<String> lines(Map<String, Object> scenario) {
        List<String> lines = new ArrayList<>();
        lines.add("  - name: " + quoted(String.valueOf(scenario.get("name"))));
        Object description = scenario.get("description");
        if (description != null && !String.valueOf(description).isBlank()) {
            lines.add("    description: " + quoted(String.valueOf(description)));
        }
        for (String part : List.of("given", "expect")) {
            if (scenario.get(part) instanceof Map<?, ?> map && !map.isEmpty()) {
                lines.add("    " + part + ":");
                map.forEach((key, value) -> {
                    // A part holding lists or mappings (iop, payer) one field per line, as the suites write it.
                    if (value instanceof Map<?, ?> sub && sub.values().stream().anyMatch(v -> v instanceof Map || v instanceof List)) {
                        lines.add("      " + key + ":");
                        sub.forEach((k, v) -> lines.add("        " + k + ": " + flow(v)));
                    } else {
                        lines.add("      " + key + ": " + flow(value));
                    }
                });
            }
        }
        return lines;
    }

    /** A value in YAML's flow style: {@code [D3, D5]}, {@code {min: 9, max: 19}}, {@code "2.1"}. */
    static String flow(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(k + ": " + flow(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(SuiteText::flow).toList()) + "]";
        }
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        String text = String.valueOf(value);
        // Codes stay bare as the suites write them; anything YAML could read as another type is quoted.
        return PLAIN.matcher(text).matches() && !List.of("yes", "no", "true", "false", "null", "on", "off", "y", "n")
                .contains(text.toLowerCase(java.util.Locale.ROOT)) ? text : quoted(text);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
