package com.careplace.workbench.review;

import com.careplace.workbench.authoring.ChangeRequest;

/** Someone tried to review a change request they had a hand in. */
public class FourEyesException extends RuntimeException {

    FourEyesException(String reviewer, ChangeRequest request) {
        super(reviewer + " wrote, edited or submitted change request '" + request.title()
                + "' and cannot review it; another reviewer must");
    }
}
