package com.careplace.decision.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The FHIR R4 resources of a CDS Hooks call (HAPI's model and parser) read as a placement request, by the site's
 * {@link CdsHooksProperties mapping}: age from the Patient's birth date, ICD-10-CM codes of the active Conditions,
 * the payer from the Coverage's type, ratings and answers from the assessment's QuestionnaireResponse items. The
 * request is then validated as the placement API validates one; {@link #whereInFhir} names the FHIR element behind
 * each request field, so that an error says which item is wrong.
 */
final class FhirPlacementRequest {

    /** The prefetch keys discovery announces. */
    static final String PATIENT = "patient";
    static final String CONDITIONS = "conditions";
    static final String COVERAGE = "coverage";
    static final String ASSESSMENT = "assessment";
    static final List<String> PREFETCH = List.of(PATIENT, CONDITIONS, COVERAGE, ASSESSMENT);

    static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** HAPI's one R4 context (building one reads its model: seconds), shared with the cards; parsers from it are per call. */
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final CdsHooksProperties properties;

    FhirPlacementRequest(CdsHooksProperties properties) {
        this.properties = properties;
    }

    /** A prefetch value that is not what its key asks for, or does not parse as FHIR. */
    static final class UnreadableFhirException extends RuntimeException {
        UnreadableFhirException(String message) {
            super(message);
        }
    }

    /**
     * The request read from the resources.
     *
     * @param request     the placement request, as JSON would give it (validated by the caller)
     * @param whereInFhir request field (as validation names it, e.g. {@code dimensions.d3}) to the FHIR element it came from
     * @param hasAssessment false when the patient has no completed assessment: nothing to decide
     */
    record Read(Map<String, Object> request, Map<String, String> whereInFhir, boolean hasAssessment) {
    }

    /** The FHIR element a validation error's field came from, or the field itself. */
    static String whereInFhir(Read read, String field) {
        return read.whereInFhir().entrySet().stream().filter(e -> field.equals(e.getKey()) || field.startsWith(e.getKey() + "["))
                .map(Map.Entry::getValue).findFirst().orElse(field);
    }

    /** Reads {@code prefetch} (key to the JSON tree of a resource or searchset Bundle, or null for none). */
    Read read(Map<String, Object> prefetch, String requestId, String patientId, LocalDate today) {
        IParser parser = FHIR.newJsonParser();
        parser.setParserErrorHandler(new NoSilentDrops());
        Map<String, Object> request = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        if (requestId != null) {
            request.put("requestId", requestId);
        }
        Patient patient = resources(parser, prefetch, PATIENT, Patient.class).stream().findFirst()
                .orElseThrow(() -> new UnreadableFhirException("prefetch.patient: no Patient resource"));
        if (patient.hasIdElement() && patient.getIdElement().getIdPart() != null && !patient.getIdElement().getIdPart().equals(patientId)) {
            throw new UnreadableFhirException("prefetch.patient is Patient/" + patient.getIdElement().getIdPart() + ", not the patient of "
                    + "context.patientId");
        }
        where.put("age", "Patient.birthDate");
        if (patient.getBirthDate() != null) {
            if (patient.getBirthDateElement().getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                // a year or a month alone could be a year of age either way: 17 or 18 decides the IOP hours
                throw new UnreadableFhirException("Patient.birthDate gives no day; the age needs the full date");
            }
            LocalDate born = LocalDate.of(patient.getBirthDateElement().getYear(), patient.getBirthDateElement().getMonth() + 1,
                    patient.getBirthDateElement().getDay());
            if (born.isAfter(today)) {
                throw new UnreadableFhirException("Patient.birthDate is after today");
            }
            request.put("age", Period.between(born, today).getYears());
        }

        List<String> diagnoses = new ArrayList<>();
        for (Condition condition : resources(parser, prefetch, CONDITIONS, Condition.class)) {
            boolean active = !condition.hasClinicalStatus() || condition.getClinicalStatus().getCoding().stream()
                    .anyMatch(c -> "active".equals(c.getCode()) || "recurrence".equals(c.getCode()) || "relapse".equals(c.getCode()));
            boolean refuted = condition.getVerificationStatus().getCoding().stream()
                    .anyMatch(c -> "refuted".equals(c.getCode()) || "entered-in-error".equals(c.getCode()));
            if (active && !refuted) {
                condition.getCode().getCoding().stream().filter(c -> ICD_10_CM.equals(c.getSystem()) && c.hasCode())
                        .map(Coding::getCode).filter(code -> !diagnoses.contains(code)).forEach(diagnoses::add);
            }
        }
        request.put("diagnoses", diagnoses);
        where.put("diagnoses", "Condition.code (" + ICD_10_CM + ")");

        request.put("payer", payer(resources(parser, prefetch, COVERAGE, Coverage.class)));
        where.put("payer", "Coverage.type");

        Optional<QuestionnaireResponse> assessment = latestAssessment(resources(parser, prefetch, ASSESSMENT, QuestionnaireResponse.class));
        if (assessment.isEmpty()) {
            return new Read(request, where, false);
        }
        Map<String, String> items = properties.questionnaire().items();
        Map<String, Object> dimensions = new LinkedHashMap<>();
        for (int d = 1; d <= 6; d++) {
            String linkId = items.get("d" + d);
            String field = "d" + d;
            answer(assessment.get(), linkId).ifPresent(value -> dimensions.put(field, rating(value)));
            where.put("dimensions.d" + d, "QuestionnaireResponse item '" + linkId + "'");
        }
        request.put("dimensions", dimensions);
        for (String field : List.of("suicideRisk", "availableHoursPerWeek", "currentLevel")) {
            String linkId = items.get(field);
            answer(assessment.get(), linkId).ifPresent(value -> request.put(field, field.equals("availableHoursPerWeek")
                    ? number(value) : text(value)));
            where.put(field, "QuestionnaireResponse item '" + linkId + "'");
        }
        where.put("dimensions", "QuestionnaireResponse items " + List.of(1, 2, 3, 4, 5, 6).stream().map(d -> "'" + items.get("d" + d) + "'").toList());
        return new Read(request, where, true);
    }

    /** The payer of the first active Coverage (by {@code order}) whose type or class maps to one; the site's default without one. */
    private String payer(List<Coverage> coverages) {
        List<Coverage> active = coverages.stream().filter(c -> !c.hasStatus() || c.getStatus() == Coverage.CoverageStatus.ACTIVE)
                .sorted(Comparator.comparingInt(c -> c.getOrderElement().getValue() != null ? c.getOrderElement().getValue() : Integer.MAX_VALUE))
                .toList();
        if (active.isEmpty()) {
            return properties.payerWithoutCoverage();
        }
        for (Coverage coverage : active) {
            List<Coding> codings = new ArrayList<>(coverage.getType().getCoding());
            coverage.getClass_().forEach(c -> codings.addAll(c.getType().getCoding()));
            Optional<String> mapped = codings.stream().flatMap(coding -> properties.payers().stream()
                            .filter(m -> m.system().equals(coding.getSystem()) && coding.hasCode() && coding.getCode().startsWith(m.code()))
                            .map(m -> new Object[] {m.code().length(), m.payer()}))
                    .max(Comparator.comparingInt(m -> (Integer) m[0])).map(m -> (String) m[1]);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        // An active coverage whose type maps to no payer: said as it is, so that validation names it
        CodeableConcept type = active.getFirst().getType();
        return type.getCoding().stream().filter(Coding::hasCode).findFirst().map(c -> c.getSystem() + "|" + c.getCode())
                .orElse(type.hasText() ? type.getText() : "(Coverage without type)");
    }

    private Optional<QuestionnaireResponse> latestAssessment(List<QuestionnaireResponse> responses) {
        String canonical = properties.questionnaire().canonical();
        return responses.stream()
                .filter(r -> r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED
                        || r.getStatus() == QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED)
                .filter(r -> r.hasQuestionnaire() && r.getQuestionnaire().replaceFirst("\\|.*$", "").equals(canonical))
                .max(Comparator.comparing(r -> r.getAuthoredElement().getValue() != null ? r.getAuthoredElement().getValue().toInstant()
                        : java.time.Instant.EPOCH));
    }

    private static Optional<Type> answer(QuestionnaireResponse response, String linkId) {
        return find(response.getItem(), linkId).filter(item -> !item.getAnswer().isEmpty())
                .map(item -> item.getAnswerFirstRep().getValue());
    }

    private static Optional<QuestionnaireResponse.QuestionnaireResponseItemComponent> find(
            List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items, String linkId) {
        for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId())) {
                return Optional.of(item);
            }
            Optional<QuestionnaireResponse.QuestionnaireResponseItemComponent> nested = find(item.getItem(), linkId);
            if (nested.isPresent()) {
                return nested;
            }
            for (QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                nested = find(answer.getItem(), linkId);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    /** A rating answered as an integer or as a coded choice ("3"); anything else goes on as it is, for validation to name. */
    private static Object rating(Type value) {
        Object number = number(value);
        if (number instanceof String text && text.matches("-?\\d{1,9}")) {
            return Integer.parseInt(text);
        }
        return number;
    }

    private static Object number(Type value) {
        if (value instanceof org.hl7.fhir.r4.model.IntegerType integer) {
            return integer.getValue();
        }
        if (value instanceof org.hl7.fhir.r4.model.DecimalType decimal) {
            return whole(decimal.getValue());
        }
        if (value instanceof org.hl7.fhir.r4.model.Quantity quantity) {
            return whole(quantity.getValue());
        }
        return text(value);
    }

    /** A decimal that is a whole number in int range as an int; anything else as it is, for validation to name. */
    private static Object whole(java.math.BigDecimal value) {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return stripped.intValueExact();
        }
        return stripped.scale() <= 0 ? stripped.toBigInteger() : value;
    }

    private static Object text(Type value) {
        if (value instanceof Coding coding) {
            return coding.getCode();
        }
        if (value instanceof org.hl7.fhir.r4.model.PrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        return value == null ? null : value.fhirType();
    }

    /** The resources of one prefetch key: a resource of that type, or the matching entries of a Bundle; none for null. */
    private static <T extends Resource> List<T> resources(IParser parser, Map<String, Object> prefetch, String key, Class<T> type) {
        Object value = prefetch.get(key);
        if (value == null) {
            return List.of();
        }
        IBaseResource parsed;
        try {
            parsed = parser.parseResource(JSON.writeValueAsString(value));
        } catch (NoSilentDrops.Refused e) {
            throw new UnreadableFhirException("prefetch." + key + ": " + e.getMessage());
        } catch (DataFormatException | tools.jackson.core.JacksonException e) {
            // HAPI's messages quote the offending value (a name, a date): PHI stays out of the answer
            throw new UnreadableFhirException("prefetch." + key + " is not a FHIR R4 resource this service can read");
        }
        if (type.isInstance(parsed)) {
            return List.of(type.cast(parsed));
        }
        if (parsed instanceof Bundle bundle) {
            return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
        }
        throw new UnreadableFhirException("prefetch." + key + " holds a " + parsed.fhirType() + "; expected a "
                + type.getSimpleName() + " or a Bundle of them");
    }

    /**
     * Lenient about what HAPI may skip (unknown elements, extensions), strict where skipping would drop data and still
     * decide (a Bundle's entry that is not an array, a value of the wrong type): refused, naming the element, never its value.
     */
    static final class NoSilentDrops extends ca.uhn.fhir.parser.LenientErrorHandler {

        static final class Refused extends RuntimeException {
            Refused(String message) {
                super(message);
            }
        }

        NoSilentDrops() {
            super(false);
        }

        @Override
        public void incorrectJsonType(IParseLocation location, String elementName, ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType expected,
                                      ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType expectedScalar,
                                      ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType found,
                                      ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType foundScalar) {
            throw new Refused("element '" + elementName + "'" + where(location) + " is not the JSON type FHIR R4 gives it");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            throw new Refused("an element" + where(location) + " holds a value FHIR R4 does not allow");
        }

        private static String where(IParseLocation location) {
            return location == null || location.getParentElementName() == null ? "" : " in '" + location.getParentElementName() + "'";
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** Today in the service's zone: ages are as of the day of the call. */
    static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(ZoneId.systemDefault()));
    }
}
