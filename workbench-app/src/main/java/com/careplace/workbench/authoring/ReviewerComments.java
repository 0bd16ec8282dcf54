package com.careplace.workbench.authoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why change requests came back from review, for their authors' screens. Review owns verdicts and
 * answers this; authoring declares it so that it only asks and does not depend on review.
 */
public interface ReviewerComments {

    /** The reviewer's comment on each of {@code requests} that a reviewer sent back and that is open again, by id. */
    Map<String, SentBack> sentBack(List<ChangeRequest> requests);

    default Optional<SentBack> sentBack(ChangeRequest request) {
        return Optional.ofNullable(sentBack(List.of(request)).get(request.id()));
    }

    /** A reviewer sent the change request back to its author with this comment. */
    record SentBack(String reviewer, String comment, Instant at) {
    }
}
