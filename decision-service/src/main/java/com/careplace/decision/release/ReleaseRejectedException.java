package com.careplace.decision.release;

/** A release cannot be stored or deployed: its kjar does not load, or its rules cannot decide. */
public class ReleaseRejectedException extends RuntimeException {

    public ReleaseRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
