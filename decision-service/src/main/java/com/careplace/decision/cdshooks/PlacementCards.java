package com.careplace.decision.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A placement decision as CDS Hooks cards: the recommended level with its driving dimensions, IOP status and reasons,
 * payer requirements and warnings, a link to the reviewers' decision trace, and, for {@code order-select}, a referral
 * to the recommended level as a suggestion. The card's uuid is the decision's id in the decision log, so feedback on
 * the card is feedback on that decision.
 */
final class PlacementCards {

    /** Where Careplace's level-of-care codes are defined (ASAM levels as the spec gives them). */
    static final String LEVEL_SYSTEM = "https://careplace.example.org/fhir/CodeSystem/level-of-care";
    static final String OVERRIDE_SYSTEM = "https://careplace.example.org/fhir/CodeSystem/placement-override-reason";
    static final String TOPIC_SYSTEM = "https://careplace.example.org/fhir/CodeSystem/topic";
    /** Why a clinician may not follow the card; offered to the EHR as the spec's overrideReasons. */
    static final List<Coded> OVERRIDE_REASONS = List.of(
            new Coded("clinical-judgement", OVERRIDE_SYSTEM, "Clinical judgement: another level fits this patient"),
            new Coded("patient-preference", OVERRIDE_SYSTEM, "Patient preference"),
            new Coded("not-available", OVERRIDE_SYSTEM, "Recommended level not available or no capacity"),
            new Coded("payer", OVERRIDE_SYSTEM, "Payer does not cover the recommended level"),
            new Coded("assessment-outdated", OVERRIDE_SYSTEM, "The assessment is out of date"));
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PlacementCards() {
    }

    /** A coding as CDS Hooks writes it. */
    record Coded(String code, String system, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Card(String uuid, String summary, String detail, String indicator, Source source, List<Suggestion> suggestions,
                String selectionBehavior, List<Coded> overrideReasons, List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Source(String label, String url, Coded topic) {
    }

    record Link(String label, String url, String type) {
    }

    record Suggestion(String label, String uuid, boolean isRecommended, List<Action> actions) {
    }

    record Action(String type, String description, Object resource) {
    }

    /** The body a service call answers with. */
    record Cards(List<Card> cards) {
    }

    /** One card for a decision; {@code response} is the placement API's answer for it, as a JSON tree. */
    @SuppressWarnings("unchecked")
    static Card of(UUID decisionId, Map<String, Object> response, boolean referral, String patientId, String traceUrl) {
        Map<String, Object> level = (Map<String, Object>) response.get("level");
        Map<String, Object> iop = (Map<String, Object>) response.get("iop");
        Map<String, Object> payer = (Map<String, Object>) response.get("payer");
        Map<String, Object> release = (Map<String, Object>) response.get("release");
        String levelName = level.get("code") + " " + level.get("name");
        List<String> driving = ((List<String>) response.get("drivingDimensions"));
        List<Map<String, Object>> reasons = (List<Map<String, Object>>) iop.get("reasons");
        List<Map<String, Object>> requirements = (List<Map<String, Object>>) payer.get("requirements");
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) payer.get("warnings");

        StringBuilder detail = new StringBuilder();
        detail.append("**Recommended level:** ").append(levelName).append('\n');
        detail.append("\n**Driven by:** ").append(driving.isEmpty() ? "no dimension above none"
                : String.join(", ", driving.stream().map(PlacementCards::dimension).toList())).append('\n');
        detail.append("\n**IOP:** ").append(String.valueOf(iop.get("status")).replace('_', ' ').toLowerCase(java.util.Locale.ROOT));
        reasons.forEach(r -> detail.append("\n- ").append(r.get("message")).append(" (`").append(r.get("code")).append("`)"));
        if (iop.get("weeklyHours") instanceof Map<?, ?> hours) {
            detail.append("\n\nIOP hours per week for this age: ").append(hours.get("min")).append("–").append(hours.get("max"));
        }
        if (!requirements.isEmpty()) {
            detail.append("\n\n**Payer requires:**");
            requirements.forEach(r -> detail.append("\n- ").append(requirement(r)));
        }
        warnings.forEach(w -> detail.append("\n\n⚠ ").append(w.get("message") == null ? w.get("code") : w.get("message"))
                .append(" (`").append(w.get("code")).append("`)"));

        boolean danger = reasons.stream().anyMatch(r -> "IMMINENT_DANGER".equals(r.get("code")));
        String indicator = danger ? "critical" : warnings.isEmpty() ? "info" : "warning";
        String summary = "Level of care: " + levelName + " · IOP " + String.valueOf(iop.get("status")).replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        List<Link> links = new ArrayList<>();
        if (traceUrl != null && !traceUrl.isBlank()) {
            links.add(new Link("Why: the decision trace (reviewers)", traceUrl.replace("{decisionId}", decisionId.toString()), "absolute"));
        }
        List<Suggestion> suggestions = referral ? List.of(new Suggestion("Refer to " + levelName, UUID.randomUUID().toString(), true,
                List.of(new Action("create", "A referral to " + levelName + ", as recommended", referralTo(level, patientId, decisionId)))))
                : List.of();
        return new Card(decisionId.toString(), summary.length() <= 140 ? summary : summary.substring(0, 139) + "…", detail.toString(), indicator,
                new Source("Careplace placement rules, release " + release.get("version"), null,
                        new Coded("level-of-care-placement", TOPIC_SYSTEM, "Level-of-care placement")),
                suggestions, suggestions.isEmpty() ? null : "at-most-one", OVERRIDE_REASONS, links);
    }

    /** The referral a suggestion proposes: a draft ServiceRequest for the level, written by HAPI's FHIR serializer. */
    private static Object referralTo(Map<String, Object> level, String patientId, UUID decisionId) {
        ServiceRequest referral = new ServiceRequest();
        referral.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        referral.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        referral.setCode(new CodeableConcept(new Coding(LEVEL_SYSTEM, String.valueOf(level.get("code")), String.valueOf(level.get("name"))))
                .setText("Referral to " + level.get("name")));
        referral.setSubject(new Reference("Patient/" + patientId));
        referral.addNote(new Annotation().setText("Recommended by Careplace, decision " + decisionId));
        return JSON.readValue(FHIR.newJsonParser().encodeResourceToString(referral), Map.class);
    }

    private static String dimension(String code) {
        try {
            com.careplace.placement.Dimension dimension = com.careplace.placement.Dimension.valueOf(code);
            return code + " " + dimension.title();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String requirement(Map<String, Object> requirement) {
        String code = String.valueOf(requirement.get("code"));
        String words = switch (code) {
            case "PRIOR_AUTHORIZATION" -> "prior authorization";
            case "PHYSICIAN_CERTIFICATION" -> "physician certification";
            case "RECERTIFICATION" -> "recertification every " + requirement.get("days") + " days";
            default -> code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        };
        return words + " (`" + code + "`)";
    }
}
