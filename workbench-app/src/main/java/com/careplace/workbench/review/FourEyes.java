package com.careplace.workbench.review;

import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import org.springframework.stereotype.Component;

/** Four eyes: nobody approves or rejects a change request they opened, edited or submitted. */
@Component
class FourEyes {

    private final ChangeRequestService changes;

    FourEyes(ChangeRequestService changes) {
        this.changes = changes;
    }

    boolean allows(String changeRequestId, String reviewer) {
        return !changes.contributors(changeRequestId).contains(reviewer);
    }

    /** Checked with the data, inside the verdict's transaction, whatever the screen offered. */
    void require(ChangeRequest request, String reviewer) {
        if (!allows(request.id(), reviewer)) {
            throw new FourEyesException(reviewer, request);
        }
    }
}
