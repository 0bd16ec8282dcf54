package com.careplace.scenario;

/**
 * A suite file is broken. The message names the file, the scenario and the field, e.g.
 * {@code iop-eligibility.yaml: scenario 'Teen with 5 hours': given.dimensions.d3: must be 0..4, got 7}.
 */
public class ScenarioFormatException extends RuntimeException {

    private final String source;
    private final String scenario;
    private final String field;

    public ScenarioFormatException(String source, String scenario, String field, String problem) {
        super(source + (scenario == null ? "" : ": scenario '" + scenario + "'")
                + (field == null ? "" : ": " + field) + ": " + problem);
        this.source = source;
        this.scenario = scenario;
        this.field = field;
    }

    /** The file. */
    public String source() {
        return source;
    }

    /** The scenario's name (or position when it has none); {@code null} for suite-level problems. */
    public String scenario() {
        return scenario;
    }

    /** The offending field's path within the scenario; {@code null} when the whole file is unreadable. */
    public String field() {
        return field;
    }
}
