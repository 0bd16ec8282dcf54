package com.careplace.workbench.authoring;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A case someone who may read the decision log offered authors as a regression scenario, de-identified:
 * the assessment only, in the words of a scenario ({@code given}), and what it should decide ({@code expect}).
 *
 * @param id              its id
 * @param name            what the one who offered it called it; the scenario's name
 * @param note            why it matters; empty when none was given
 * @param given           the patient as a scenario's {@code given}: no request id, ages over 89 written as 90
 * @param expect          what the scenario should expect, as a scenario's {@code expect}; empty when the author decides
 * @param origin          where it was offered from, in words ("decision trace", "review of 'TRICARE hours'")
 * @param changeRequestId the change request it was offered for; {@code null} when offered to every author
 * @param offeredBy       who offered it
 * @param offeredAt       when
 * @param use             the last change request it was added to as a scenario, if any
 */
public record OfferedCase(String id, String name, String note, Map<String, Object> given, Map<String, Object> expect, String origin,
                          String changeRequestId, String offeredBy, Instant offeredAt, Optional<Use> use) {

    /**
     * A case added to a change request's suite.
     *
     * @param by              the author
     * @param changeRequestId the change request
     * @param at              when
     */
    public record Use(String by, String changeRequestId, Instant at) {
    }
}
