package com.careplace.workbench.authoring;

import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.vocabulary.VocabularyEntry;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Real cases as regression scenarios, without giving authors the decision log. Those who may read the log
 * (reviewers, deployers, administrators) offer a case from a trace or from a review's impact; it is
 * de-identified here, once, whoever calls: the request id is dropped, no decision id or date is kept, and
 * an age over 89 is written as 90 (HIPAA Safe Harbor). Authors list the offered cases and add one to a suite.
 */
@Service
public class OfferedCases {

    /** Safe Harbor: ages over 89 are identifying; they are aggregated into one "90 or older". */
    static final int OLDEST_AGE_KEPT = 89;
    private static final int NAME_LIMIT = 120;
    private static final int NOTE_LIMIT = 1000;
    private static final int ORIGIN_LIMIT = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final RowMapper<OfferedCase> ROW = (rs, i) -> new OfferedCase(rs.getString("id"), rs.getString("name"),
            rs.getString("note"), JSON.readValue(rs.getString("given_json"), MAP), JSON.readValue(rs.getString("expect_json"), MAP),
            rs.getString("origin"), rs.getString("change_request_id"), rs.getString("offered_by"),
            rs.getTimestamp("offered_at").toInstant(), rs.getString("used_by") == null ? Optional.empty()
            : Optional.of(new OfferedCase.Use(rs.getString("used_by"), rs.getString("used_in"), rs.getTimestamp("used_at").toInstant())));

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public OfferedCases(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * A case to offer, as the one who read it from the log has it.
     *
     * @param request         the logged request (patient data: it is de-identified before anything is stored)
     * @param expected        the decision the scenario should expect; {@code null} to leave that to the author
     * @param name            what to call it (required); it must not identify the patient
     * @param note            why it matters (may be blank)
     * @param origin          where it is offered from, in words authors may read
     * @param changeRequestId the change request it is offered for, or {@code null} for every author
     * @param source          which logged decision it came from: for the audit trail only, never shown to authors
     */
    public record Offer(PlacementRequest request, PlacementDecision expected, String name, String note, String origin,
                        String changeRequestId, String source) {

        @Override
        public String toString() {
            return "Offer[" + name + ", from " + source + "]"; // never the request: a stray log line must not carry it
        }
    }

    /**
     * Offers a case, de-identified. Audited with the logged decision it came from.
     *
     * @throws IllegalArgumentException when the name is blank or too long, or the note too long
     */
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN') or hasRole('DEPLOYER')) and #by == authentication.name")
    @Transactional
    public OfferedCase offer(Offer offer, String by) {
        String name = offer.name() == null ? "" : offer.name().strip();
        String note = offer.note() == null ? "" : offer.note().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Name the case: authors see the name, never the patient's details");
        }
        if (name.length() > NAME_LIMIT) {
            throw new IllegalArgumentException("The name is " + name.length() + " characters; at most " + NAME_LIMIT);
        }
        if (note.length() > NOTE_LIMIT) {
            throw new IllegalArgumentException("The note is " + note.length() + " characters; at most " + NOTE_LIMIT);
        }
        Map<String, Object> given = given(offer.request());
        Map<String, Object> expect = offer.expected() == null ? Map.of() : ScenarioExpectations.of(offer.expected());
        String origin = offer.origin().length() <= ORIGIN_LIMIT ? offer.origin() : offer.origin().substring(0, ORIGIN_LIMIT - 1) + "…";
        OfferedCase offered = new OfferedCase(UUID.randomUUID().toString(), name, note, given, expect, origin,
                offer.changeRequestId(), by, clock.instant(), Optional.empty());
        jdbc.update("insert into offered_case (id, name, note, given_json, expect_json, origin, change_request_id, offered_by, "
                        + "offered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", offered.id(), name, note, JSON.writeValueAsString(given),
                JSON.writeValueAsString(expect), offered.origin(), offered.changeRequestId(), by, Timestamp.from(offered.offeredAt()));
        audit.record(by, "case.offer", offered.id(), offer.source() + " offered as '" + name + "'"
                + (offered.changeRequestId() == null ? "" : " for change request " + offered.changeRequestId()));
        return offered;
    }

    /**
     * The offered cases an author may add to {@code changeRequestId}'s suites: those offered for it first, then
     * those not yet used anywhere, then the rest; newest first within each.
     */
    @PreAuthorize("hasRole('AUTHOR') or hasRole('REVIEWER')")
    public List<OfferedCase> offeredTo(String changeRequestId) {
        Comparator<OfferedCase> order = Comparator.<OfferedCase, Boolean>comparing(c -> !changeRequestId.equals(c.changeRequestId()))
                .thenComparing(c -> c.use().isPresent()).thenComparing(OfferedCase::offeredAt, Comparator.reverseOrder());
        return jdbc.query("select * from offered_case where change_request_id is null or change_request_id = ?", ROW, changeRequestId)
                .stream().sorted(order).toList();
    }

    /** Records that {@code author} added the case to a suite of the change request. Audited. */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public void use(String caseId, String changeRequestId, String author) {
        if (jdbc.update("update offered_case set used_by = ?, used_in = ?, used_at = ? where id = ?", author, changeRequestId,
                Timestamp.from(clock.instant()), caseId) == 0) {
            throw new NoSuchElementException("No offered case " + caseId);
        }
        audit.record(author, "case.use", caseId, "added as a scenario in change request " + changeRequestId);
    }

    /**
     * The request without what identifies the patient: no request id, an age over 89 as 90, no number the release's
     * request schema adds. Decide this, not the
     * logged request, for the decision an offered case expects: the scenario will be decided from it.
     */
    public static PlacementRequest deIdentified(PlacementRequest request) {
        // Fields a release adds: yes/no and vocabulary answers are kept; a number (a birth year, a postcode) could identify
        java.util.Map<String, Object> kept = new java.util.LinkedHashMap<>();
        request.additional().forEach((field, value) -> {
            if (!(value instanceof Number)) {
                kept.put(field, value);
            }
        });
        return new PlacementRequest(null, Math.min(request.age(), OLDEST_AGE_KEPT + 1), request.diagnoses(), request.dimensions(),
                request.suicideRisk(), request.availableHoursPerWeek(), request.currentLevel(), request.payer(), kept);
    }

    /** The de-identified patient as a scenario's {@code given}. */
    static Map<String, Object> given(PlacementRequest logged) {
        PlacementRequest request = deIdentified(logged);
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("age", request.age());
        given.put("diagnoses", request.diagnoses());
        Map<String, Object> dimensions = new LinkedHashMap<>();
        var d = request.dimensions();
        dimensions.put("d1", d.d1());
        dimensions.put("d2", d.d2());
        dimensions.put("d3", d.d3());
        dimensions.put("d4", d.d4());
        dimensions.put("d5", d.d5());
        dimensions.put("d6", d.d6());
        given.put("dimensions", dimensions);
        given.put("suicideRisk", request.suicideRisk().name());
        given.put("availableHoursPerWeek", request.availableHoursPerWeek());
        if (request.currentLevel() != null) {
            given.put("currentLevel", request.currentLevel().code());
        }
        given.put("payer", request.payer().code());
        request.additional().forEach((field, value) -> given.put(field, value instanceof VocabularyEntry entry ? entry.code() : value));
        return given;
    }
}
