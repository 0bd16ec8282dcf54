package com.careplace.decision.release;

/** A caller named a release version this service does not hold. */
public class UnknownReleaseException extends RuntimeException {

    private final String version;

    public UnknownReleaseException(String version) {
        super("Release '" + version + "' is not held by this decision service");
        this.version = version;
    }

    public String version() {
        return version;
    }
}
