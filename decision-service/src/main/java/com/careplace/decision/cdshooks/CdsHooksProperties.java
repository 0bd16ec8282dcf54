package com.careplace.decision.cdshooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Settings under {@code careplace.cds-hooks}: who may call, and how a site's FHIR data maps to a placement request.
 * The defaults fit the Careplace ASAM questionnaire and US payer typology; a site changes configuration, not code.
 *
 * @param publicUrl     the discovery URL EHRs call (e.g. {@code https://careplace.example.org/cds-services}); a JWT's
 *                      {@code aud} must be it or a service's URL under it. When blank, the URL this request came to
 * @param traceUrl      the reviewers' decision trace, {@code {decisionId}} replaced; no link on cards when blank
 * @param issuers       the EHRs whose JWTs are accepted, each with its JWK set
 * @param questionnaire which QuestionnaireResponse holds the assessment, and which item is which request field
 * @param payers        Coverage codings to payers, first match wins
 * @param payerWithoutCoverage the payer when the patient has no active Coverage
 */
@ConfigurationProperties("careplace.cds-hooks")
public record CdsHooksProperties(String publicUrl, String traceUrl, List<Issuer> issuers, Questionnaire questionnaire,
                                 List<PayerCoding> payers, String payerWithoutCoverage) {

    public CdsHooksProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        questionnaire = questionnaire == null ? new Questionnaire(null, null) : questionnaire;
        // Source of Payment Typology (PHDSC), the code system US Core's Coverage.type uses
        payers = payers == null || payers.isEmpty() ? List.of(
                new PayerCoding(SOPT, "1", "MEDICARE"),
                new PayerCoding(SOPT, "2", "MEDICAID"),
                new PayerCoding(SOPT, "311", "TRICARE"),
                new PayerCoding(SOPT, "5", "COMMERCIAL"),
                new PayerCoding(SOPT, "6", "COMMERCIAL"),
                new PayerCoding(SOPT, "81", "SELF_PAY")) : List.copyOf(payers);
        payerWithoutCoverage = payerWithoutCoverage == null || payerWithoutCoverage.isBlank() ? "SELF_PAY" : payerWithoutCoverage;
    }

    /** Source of Payment Typology code system. */
    public static final String SOPT = "https://nahdo.org/sopt";

    /**
     * An EHR allowed to call.
     *
     * @param name    how the decision log names it as caller
     * @param issuer  its JWT {@code iss}, exactly
     * @param jwksUrl where its public keys are
     */
    public record Issuer(String name, String issuer, URI jwksUrl) {
    }

    /**
     * The questionnaire whose latest completed response holds the assessment.
     *
     * @param canonical its canonical URL (a response's {@code questionnaire}, version aside, must be it)
     * @param items     request field to item {@code linkId}: {@code d1}..{@code d6}, {@code suicideRisk},
     *                  {@code availableHoursPerWeek}, {@code currentLevel}
     */
    public record Questionnaire(String canonical, Map<String, String> items) {

        /** The Careplace ASAM placement questionnaire (docs/fhir/asam-placement-questionnaire.json). */
        public static final String CAREPLACE = "https://careplace.example.org/fhir/Questionnaire/asam-placement";

        public Questionnaire {
            canonical = canonical == null || canonical.isBlank() ? CAREPLACE : canonical;
            Map<String, String> defaults = new java.util.LinkedHashMap<>();
            for (int d = 1; d <= 6; d++) {
                defaults.put("d" + d, "asam-d" + d);
            }
            defaults.put("suicideRisk", "suicide-risk");
            defaults.put("availableHoursPerWeek", "available-hours-per-week");
            defaults.put("currentLevel", "current-level-of-care");
            if (items != null) {
                defaults.putAll(items);
            }
            items = Map.copyOf(defaults);
        }
    }

    /**
     * A Coverage coding that names a payer: {@code Coverage.type} (or {@code Coverage.class}) with this system and a
     * code starting with {@code code} (typologies nest: SOPT 311 is TRICARE within 3, other government).
     */
    public record PayerCoding(String system, String code, String payer) {
    }
}
