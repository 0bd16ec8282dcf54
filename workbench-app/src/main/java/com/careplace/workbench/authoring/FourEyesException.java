package com.careplace.workbench.authoring;

/** Someone tried to review their own change request. */
public class FourEyesException extends RuntimeException {

    public FourEyesException(String reviewer, ChangeRequest request) {
        super(reviewer + " wrote, edited or submitted change request '" + request.title()
                + "' and cannot review it; another reviewer must");
    }
}
