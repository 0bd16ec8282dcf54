package com.careplace.placement.facts;

import com.fasterxml.jackson.annotation.JsonValue;

/** Payer warnings, in the order decisions list them. */
public enum PayerWarning {
    PAYER_MINIMUM_HOURS_NOT_MET("Available hours per week are below the payer's minimum weekly hours.");

    private final String message;

    PayerWarning(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    @JsonValue
    public Coded json() {
        return new Coded(name(), message);
    }

    /** JSON view of a warning. */
    public record Coded(String code, String message) {
    }
}
