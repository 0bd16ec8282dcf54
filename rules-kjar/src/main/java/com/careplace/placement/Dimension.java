package com.careplace.placement;

/** The six ASAM dimensions, in the order decisions list them. */
public enum Dimension {
    D1("Acute intoxication / withdrawal potential"),
    D2("Biomedical conditions"),
    D3("Emotional, behavioral or cognitive conditions"),
    D4("Readiness to change"),
    D5("Relapse / continued use potential"),
    D6("Recovery environment");

    private final String title;

    Dimension(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The request field name: {@code d1}..{@code d6}. */
    public String field() {
        return name().toLowerCase();
    }
}
