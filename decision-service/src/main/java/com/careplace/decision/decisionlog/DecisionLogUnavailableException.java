package com.careplace.decision.decisionlog;

/**
 * The decision log could not take a decision durably (its spool is full or its disk failed), so the
 * decision must not be given: the API answers 503 instead. The message never holds PHI.
 */
public class DecisionLogUnavailableException extends RuntimeException {

    DecisionLogUnavailableException(String message) {
        super(message);
    }
}
