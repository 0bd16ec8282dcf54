package com.careplace.scenario;

/**
 * One field whose actual value differs from the expectation.
 *
 * @param field    path in the decision, e.g. {@code iop.status}
 * @param expected what the scenario expects, in short form
 * @param actual   what the rules decided, in short form
 */
public record Mismatch(String field, String expected, String actual) implements java.io.Serializable {
}
