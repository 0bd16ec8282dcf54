package com.careplace.decision.cdshooks;

import com.careplace.decision.api.DecisionApi;
import com.careplace.decision.api.PlacementDecisions;
import com.careplace.decision.api.RequestBodyReader;
import com.careplace.decision.apikey.ApiKeyFilter;
import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.FieldError;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * HL7 CDS Hooks 2.0, a second, standard door to the same decisions as the placement API: discovery, a service call
 * with FHIR R4 data in {@code prefetch} (mapped by {@link FhirPlacementRequest}), decided by the deployed release and
 * logged like any decision, answered with {@link PlacementCards cards}; and feedback on the cards. Prefetch the EHR
 * leaves out is not fetched from its FHIR server: the call is answered 412, naming what is missing.
 */
@RestController
@DecisionApi
@Hidden // CDS Hooks has its own discovery; the OpenAPI document is the placement API's
@RequestMapping(path = CdsHooksAuthentication.ROOT, produces = MediaType.APPLICATION_JSON_VALUE)
class CdsHooksController {

    static final String PLACEMENT = "careplace-placement";
    static final String REFERRAL = "careplace-placement-referral";
    private static final int MOST_FEEDBACK = 100;
    private static final Instant EARLIEST_OUTCOME = Instant.parse("2000-01-01T00:00:00Z");

    private final ReleaseService releases;
    private final PlacementDecisions decisions;
    private final RequestBodyReader bodies;
    private final DecisionProperties decisionProperties;
    private final CdsHooksProperties properties;
    private final CdsFeedback feedback;
    private final FhirPlacementRequest fhir;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();

    CdsHooksController(ReleaseService releases, PlacementDecisions decisions, RequestBodyReader bodies, DecisionProperties decisionProperties,
                       CdsHooksProperties properties, CdsFeedback feedback) {
        this.releases = releases;
        this.decisions = decisions;
        this.bodies = bodies;
        this.decisionProperties = decisionProperties;
        this.properties = properties;
        this.feedback = feedback;
        this.fhir = new FhirPlacementRequest(properties);
    }

    /** A service as discovery lists it. */
    record Service(String hook, String id, String title, String description, Map<String, String> prefetch, String usageRequirements) {
    }

    record Discovery(List<Service> services) {
    }

    @GetMapping
    Discovery discovery() {
        String assessment = "QuestionnaireResponse?subject={{context.patientId}}&questionnaire=" + properties.questionnaire().canonical()
                + "&status=completed&_sort=-authored&_count=1";
        Map<String, String> prefetch = new LinkedHashMap<>();
        prefetch.put(FhirPlacementRequest.PATIENT, "Patient/{{context.patientId}}");
        prefetch.put(FhirPlacementRequest.CONDITIONS, "Condition?patient={{context.patientId}}&clinical-status=active");
        prefetch.put(FhirPlacementRequest.COVERAGE, "Coverage?beneficiary={{context.patientId}}&status=active");
        prefetch.put(FhirPlacementRequest.ASSESSMENT, assessment);
        String usage = "Needs the patient's latest completed ASAM assessment (" + properties.questionnaire().canonical()
                + ": the six dimension ratings 0-4, suicide risk, available hours per week, current level of care), active "
                + "ICD-10-CM Conditions and active Coverage. Prefetch is required: the service does not query the FHIR server.";
        return new Discovery(List.of(
                new Service("patient-view", PLACEMENT, "Level-of-care placement (ASAM)",
                        "Recommends a level of care from the latest ASAM assessment: the level with its driving dimensions, "
                                + "IOP eligibility with reasons, and the payer's requirements and warnings.", prefetch, usage),
                new Service("order-select", REFERRAL, "Level-of-care placement for a referral (ASAM)",
                        "When a behavioral-health referral is being ordered: the recommended level, with a referral to it as a "
                                + "suggestion.", prefetch, usage)));
    }

    /** A call the service cannot answer without resources the EHR did not prefetch. */
    static final class MissingPrefetchException extends RuntimeException {
        final List<String> missing;

        MissingPrefetchException(List<String> missing) {
            super("Prefetch missing: " + String.join(", ", missing) + ". This service needs the prefetch its discovery lists; it does "
                    + "not query the FHIR server.");
            this.missing = List.copyOf(missing);
        }
    }

    @PostMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Object call(@PathVariable String id, HttpServletRequest http) throws IOException {
        if (!id.equals(PLACEMENT) && !id.equals(REFERRAL)) {
            throw new UnknownServiceException(id);
        }
        RequestBodyReader.Body body = bodies.read(http, decisionProperties.maxBatchBodyBytes());
        Map<String, Object> call = object(body.tree(), "$");
        String hook = text(call, "hook");
        String expected = id.equals(PLACEMENT) ? "patient-view" : "order-select";
        if (!expected.equals(hook)) {
            throw invalid("hook", "service " + id + " answers the " + expected + " hook, not " + (hook == null ? "none" : "'" + hook + "'"));
        }
        Map<String, Object> context = object(call.get("context"), "context");
        String patientId = text(context, "patientId");
        if (patientId == null || patientId.isBlank()) {
            throw invalid("context.patientId", "required");
        }
        Map<String, Object> prefetch = call.get("prefetch") == null ? Map.of() : object(call.get("prefetch"), "prefetch");
        List<String> missing = FhirPlacementRequest.PREFETCH.stream().filter(key -> !prefetch.containsKey(key)).toList();
        if (!missing.isEmpty() || prefetch.get(FhirPlacementRequest.PATIENT) == null) {
            throw new MissingPrefetchException(missing.isEmpty() ? List.of(FhirPlacementRequest.PATIENT) : missing);
        }
        String hookInstance = text(call, "hookInstance");
        String requestId = hookInstance != null && hookInstance.matches("[A-Za-z0-9._:-]{1,64}") ? hookInstance : null;
        if (!patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw invalid("context.patientId", "a FHIR id: up to 64 letters, digits, '-' and '.'");
        }
        FhirPlacementRequest.Read read = fhir.read(prefetch, requestId, patientId, FhirPlacementRequest.today(clock));
        if (!read.hasAssessment()) {
            return new PlacementCards.Cards(List.of(new PlacementCards.Card(UUID.randomUUID().toString(),
                    "No placement: the patient has no completed ASAM assessment", "Complete the ASAM placement assessment ("
                    + properties.questionnaire().canonical() + ") to get a level-of-care recommendation.", "info",
                    new PlacementCards.Source("Careplace placement rules", null, null), List.of(), null, List.of(), List.of())));
        }
        LoadedRelease release = releases.forRequest(null);
        PlacementRequest request;
        try {
            request = PlacementRequestReader.read(read.request(), release.vocabulary());
        } catch (InvalidPlacementRequestException e) {
            // Named where the EHR holds it: "QuestionnaireResponse item 'asam-d3'", not "dimensions.d3"
            throw new InvalidPlacementRequestException(e.errors().stream().map(error -> new FieldError(
                    FhirPlacementRequest.whereInFhir(read, error.field()), error.message() + " (request field " + error.field() + ")")).toList());
        }
        String caller = String.valueOf(http.getAttribute(ApiKeyFilter.CALLER));
        PlacementDecisions.Decided decided = decisions.decideAndRecord(release, request, json.writeValueAsString(read.request()), caller);
        @SuppressWarnings("unchecked")
        Map<String, Object> response = json.readValue(decided.json(), Map.class);
        return new PlacementCards.Cards(List.of(PlacementCards.of(decided.id(), response, id.equals(REFERRAL), patientId, properties.traceUrl())));
    }

    @PostMapping(path = "/{id}/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> feedback(@PathVariable String id, HttpServletRequest http) throws IOException {
        if (!id.equals(PLACEMENT) && !id.equals(REFERRAL)) {
            throw new UnknownServiceException(id);
        }
        Map<String, Object> body = object(bodies.read(http, decisionProperties.maxBodyBytes()).tree(), "$");
        if (!(body.get("feedback") instanceof List<?> items) || items.isEmpty() || items.size() > MOST_FEEDBACK) {
            throw invalid("feedback", "an array of 1 to " + MOST_FEEDBACK + " card outcomes");
        }
        List<CdsFeedback.Feedback> read = new ArrayList<>();
        List<String> suggestions = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "feedback[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> raw)) {
                errors.add(new FieldError(at, "a card outcome object"));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) raw;
            UUID card = null;
            try {
                card = UUID.fromString(String.valueOf(item.get("card")));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at + ".card", "the uuid of a card this service gave"));
            }
            String outcome = String.valueOf(item.get("outcome"));
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                errors.add(new FieldError(at + ".outcome", "'accepted' or 'overridden'"));
            }
            Instant when = clock.instant();
            if (item.get("outcomeTimestamp") != null) {
                try {
                    when = java.time.OffsetDateTime.parse(String.valueOf(item.get("outcomeTimestamp"))).toInstant();
                    if (when.isBefore(EARLIEST_OUTCOME) || when.isAfter(clock.instant().plus(java.time.Duration.ofDays(1)))) {
                        errors.add(new FieldError(at + ".outcomeTimestamp", "a time between 2000 and now"));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(at + ".outcomeTimestamp", "an ISO 8601 date-time with offset"));
                }
            }
            String reason = null;
            String reasonText = null;
            String comment = null;
            if (item.get("overrideReason") instanceof Map<?, ?> override) {
                if (override.get("reason") instanceof Map<?, ?> coding) {
                    reason = limit(coding.get("code"), 64);
                    reasonText = limit(coding.get("display"), 255);
                    if (reasonText == null && reason != null) {
                        String code = reason;
                        reasonText = PlacementCards.OVERRIDE_REASONS.stream().filter(r -> r.code().equals(code)).map(PlacementCards.Coded::display)
                                .findFirst().orElse(null);
                    }
                }
                comment = limit(override.get("userComment"), 2000);
            }
            if (card != null && errors.isEmpty()) {
                read.add(new CdsFeedback.Feedback(card, id, CdsFeedback.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)), reason,
                        reasonText, comment, when));
                suggestions.add(item.get("acceptedSuggestions") instanceof List<?> accepted ? limit(json.writeValueAsString(accepted), 1000) : null);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPlacementRequestException(errors);
        }
        String caller = String.valueOf(http.getAttribute(ApiKeyFilter.CALLER));
        // Feedback only on cards this caller was given: another system's decision is as unknown as a card never issued
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            if (!feedback.wasGiven(read.get(i).decisionId(), caller)) {
                unknown.add(new FieldError("feedback[" + i + "].card", "no card of this service was given to this caller with that uuid"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidPlacementRequestException(unknown);
        }
        feedback.recordAll(read, caller, suggestions, clock.instant());
        return Map.of("recorded", read.size());
    }

    private static String limit(Object value, int most) {
        if (value == null) {
            return null;
        }
        // NUL is no text a clinician typed, and PostgreSQL refuses it
        String text = String.valueOf(value).replace("\u0000", "");
        return text.length() <= most ? text : text.substring(0, most);
    }

    private static InvalidPlacementRequestException invalid(String field, String message) {
        return new InvalidPlacementRequestException(List.of(new FieldError(field, message)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw invalid(field, "a JSON object");
    }

    private static String text(Map<String, Object> object, String field) {
        return object.get(field) instanceof String text ? text : null;
    }

    /** No such CDS service here. */
    static final class UnknownServiceException extends RuntimeException {
        UnknownServiceException(String id) {
            super("No CDS service '" + id + "' here; GET " + CdsHooksAuthentication.ROOT + " lists " + PLACEMENT + " and " + REFERRAL);
        }
    }

    @ExceptionHandler
    org.springframework.http.ResponseEntity<ProblemDetail> missing(MissingPrefetchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        problem.setTitle("Prefetch missing");
        problem.setProperty("missing", e.missing);
        return org.springframework.http.ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    @ExceptionHandler
    ProblemDetail unreadable(FhirPlacementRequest.UnreadableFhirException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Unreadable FHIR data");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownServiceException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown CDS service");
        return problem;
    }
}
