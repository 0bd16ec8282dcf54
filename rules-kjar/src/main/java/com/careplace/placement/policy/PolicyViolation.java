package com.careplace.placement.policy;

/**
 * Something an author wrote that rules may not do, located in the DRL Drools compiles.
 *
 * <p>For a decision table the line is in the DRL Drools generated from the table; {@code rule} and
 * {@code code} let a caller find the row and the cell that produced it.
 *
 * @param source  the resource path ({@code com/careplace/rules/placement.drl})
 * @param line    1-based DRL line, or 0 when the whole source is concerned
 * @param column  1-based column, or 0 when unknown
 * @param rule    the rule (or query) it is in; {@code null} at package level (imports, globals, functions)
 * @param code    the offending code as written ({@code System.exit}), for finding it in a table cell
 * @param message what is wrong, in words an author understands
 */
public record PolicyViolation(String source, int line, int column, String rule, String code, String message) {

    /** {@code placement.drl:12:5: message}: the format of compilers and of {@code ./careplace check}. */
    @Override
    public String toString() {
        String file = source.substring(source.lastIndexOf('/') + 1);
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
