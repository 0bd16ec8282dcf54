package com.careplace.decision.release;

/** No release has been loaded yet on this node. */
public class NoActiveReleaseException extends RuntimeException {

    public NoActiveReleaseException() {
        super("No rule release is active on this node yet");
    }
}
