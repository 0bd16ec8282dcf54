package com.careplace.decision.cdshooks;

import com.careplace.decision.ApiClient;
import com.careplace.decision.TestDatabases;
import com.careplace.decision.decisionlog.DecisionLog;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CDS Hooks over real HTTP, as an EHR calls it: discovery, the spec's five worked examples as FHIR R4 prefetch (the
 * same decisions as the placement API gives), missing prefetch, an invalid answer, feedback, and the EHR's JWT
 * (signature, issuer, audience, expiry) checked against a JWK set served over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"careplace.decision.bootstrap-api-key=" + CdsHooksTest.KEY,
                "careplace.cds-hooks.trace-url=https://workbench.example.org/decisions?decision={decisionId}",
                "careplace.cds-hooks.public-url=" + CdsHooksTest.PUBLIC_URL})
class CdsHooksTest {

    static final String KEY = "cds-hooks-test-key-0001";
    /** The URL EHRs know the service by (behind a proxy, say): what tokens name as audience, whatever Host a request carries. */
    static final String PUBLIC_URL = "https://careplace.test/cds-services";
    private static final String ISSUER = "https://ehr.example.org";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ECKey EHR_KEY = generate("ehr-1");
    /** A key the EHR never published: what a forger signs with. */
    private static final ECKey OTHER_KEY = generate("ehr-1");
    private static final HttpServer JWKS = jwks();

    @LocalServerPort
    int port;
    @Autowired
    DecisionLog decisionLog;
    @Autowired
    CdsFeedback feedback;

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(EHR_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("careplace.cds-hooks.issuers[0].name", () -> "test-ehr");
        registry.add("careplace.cds-hooks.issuers[0].issuer", () -> ISSUER);
        registry.add("careplace.cds-hooks.issuers[0].jwks-url", () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/cds-services";
    }

    private String token(ECKey key, String audience, Instant expires) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().issuer(ISSUER).subject("ehr-client").audience(audience).issueTime(new Date())
                            .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String validToken(String service) {
        return token(EHR_KEY, PUBLIC_URL + "/" + service, Instant.now().plusSeconds(240));
    }

    private record Reply(int status, Map<String, Object> json) {
    }

    @SuppressWarnings("unchecked")
    private Reply post(String path, String body, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body().startsWith("{") ? JSON.readValue(response.body(), Map.class) : Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A worked example's call, with the patient's birth date moved so that they have the spec's age today. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> example(int n, int age) {
        try (InputStream in = CdsHooksTest.class.getResourceAsStream("/cds-hooks/worked-example-" + n + ".json")) {
            Map<String, Object> call = JSON.readValue(in, Map.class);
            Map<String, Object> patient = (Map<String, Object>) ((Map<String, Object>) call.get("prefetch")).get("patient");
            patient.put("birthDate", LocalDate.now().minusYears(age).minusDays(40).toString());
            return call;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object json, Object... path) {
        Object node = json;
        for (Object key : path) {
            node = key instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    @Test
    void discoveryListsBothHooksWithTheirPrefetchAndNeedsNoToken() {
        ApiClient.Reply reply = new ApiClient(port, null).get("/cds-services");
        assertThat(reply.status()).isEqualTo(200);
        List<Map<String, Object>> services = at(reply.json(), "services");
        assertThat(services).extracting(s -> s.get("hook")).containsExactly("patient-view", "order-select");
        assertThat(services).extracting(s -> s.get("id")).containsExactly("careplace-placement", "careplace-placement-referral");
        Map<String, String> prefetch = at(services.getFirst(), "prefetch");
        assertThat(prefetch).containsOnlyKeys("patient", "conditions", "coverage", "assessment");
        assertThat(prefetch.get("patient")).isEqualTo("Patient/{{context.patientId}}");
        assertThat(prefetch.get("assessment")).contains("questionnaire=https://careplace.example.org/fhir/Questionnaire/asam-placement");
    }

    /** The five worked examples: age, diagnoses, ratings, suicide risk, hours, current level, payer as the spec gives them. */
    private static final Object[][] EXAMPLES = {
            {1, 34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ""},
            {2, 45, "\"F10.239\"", "3/1/1/1/2/1", 15, "MEDICAID", ""},
            {3, 15, "\"F12.10\"", "0/0/1/2/2/1", 8, "TRICARE", ""},
            {4, 29, "\"F17.210\"", "0/0/0/0/0/0", 10, "SELF_PAY", ""},
            {5, 52, "\"F32.1\"", "0/1/1/1/1/1", 10, "MEDICARE", ",\"currentLevel\":\"2.5\""}};

    @Test
    void theWorkedExamplesAsFhirGetTheDecisionsThePlacementApiGivesLoggedUnderTheCard() {
        ApiClient api = new ApiClient(port, KEY);
        for (Object[] example : EXAMPLES) {
            int n = (int) example[0];
            Reply cds = post("/careplace-placement", JSON.writeValueAsString(example(n, (int) example[1])), validToken("careplace-placement"));
            assertThat(cds.status()).as("example " + n).isEqualTo(200);
            Map<String, Object> card = at(cds.json(), "cards", 0);

            String[] r = ((String) example[3]).split("/");
            String request = "{\"age\":" + example[1] + ",\"diagnoses\":[" + example[2] + "],\"dimensions\":{\"d1\":" + r[0] + ",\"d2\":" + r[1]
                    + ",\"d3\":" + r[2] + ",\"d4\":" + r[3] + ",\"d5\":" + r[4] + ",\"d6\":" + r[5] + "},\"suicideRisk\":\"NONE\","
                    + "\"availableHoursPerWeek\":" + example[4] + ",\"payer\":\"" + example[5] + "\"" + example[6] + "}";
            ApiClient.Reply placement = api.post("/api/v1/decisions/placement", request);
            assertThat(placement.status()).isEqualTo(200);

            // The card's decision is in the log, under the card's uuid, and is the placement API's decision
            UUID decisionId = UUID.fromString((String) card.get("uuid"));
            decisionLog.flush(Duration.ofSeconds(10));
            DecisionLog.LoggedDecision logged = decisionLog.recent(50).stream()
                    .filter(d -> decisionId.equals(d.decision().decisionId())).findFirst().orElseThrow();
            assertThat(logged.decision().caller()).isEqualTo("cds-hooks test-ehr");
            Map<String, Object> viaCds = JSON.readValue(logged.decision().decisionJson(), Map.class);
            for (String field : List.of("level", "drivingDimensions", "iop", "payer", "firedRules")) {
                assertThat(viaCds.get(field)).as("example " + n + ": " + field).isEqualTo(placement.json().get(field));
            }
            String level = at(placement.json(), "level", "code");
            assertThat((String) card.get("summary")).as("example " + n).startsWith("Level of care: " + level + " ");
            assertThat((String) card.get("detail")).contains(String.valueOf((Object) at(placement.json(), "iop", "status")).replace('_', ' ').toLowerCase());
            assertThat(at(card, "links", 0, "url").toString()).isEqualTo("https://workbench.example.org/decisions?decision=" + decisionId);
            assertThat((List<?>) card.get("overrideReasons")).isNotEmpty();
        }
        // The spec's own words for example 1: 2.1 driven by D3 and D5, eligible, prior authorization
        Map<String, Object> card = at(post("/careplace-placement", JSON.writeValueAsString(example(1, 34)), validToken("careplace-placement")).json(),
                "cards", 0);
        LoggerFactory.getLogger(CdsHooksTest.class).info("Worked example 1 as a CDS Hooks card: {}", JSON.writeValueAsString(card));
        assertThat((String) card.get("summary")).isEqualTo("Level of care: 2.1 Intensive Outpatient (IOP) · IOP eligible");
        assertThat((String) card.get("detail")).contains("**Driven by:** D3 ", ", D5 ", "prior authorization (`PRIOR_AUTHORIZATION`)", "9–19");
    }

    @Test
    void aReferralHookSuggestsAReferralToTheRecommendedLevel() {
        Map<String, Object> call = example(3, 15);
        call.put("hook", "order-select");
        call.put("context", Map.of("userId", "Practitioner/dr-lee", "patientId", "example-3", "selections", List.of("ServiceRequest/draft-1"),
                "draftOrders", Map.of("resourceType", "Bundle", "type", "collection", "entry", List.of())));
        Reply reply = post("/careplace-placement-referral", JSON.writeValueAsString(call), validToken("careplace-placement-referral"));
        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> card = at(reply.json(), "cards", 0);
        assertThat(card.get("selectionBehavior")).isEqualTo("at-most-one");
        Map<String, Object> referral = at(card, "suggestions", 0, "actions", 0, "resource");
        assertThat(referral.get("resourceType")).isEqualTo("ServiceRequest");
        assertThat((Object) at(referral, "code", "coding", 0, "code")).isEqualTo("2.1");
        assertThat((Object) at(referral, "subject", "reference")).isEqualTo("Patient/example-3");
        // and the patient-view service does not answer the order-select hook
        assertThat(post("/careplace-placement", JSON.writeValueAsString(call), validToken("careplace-placement")).status()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void missingPrefetchIs412NamingWhatIsMissing() {
        Map<String, Object> call = example(1, 34);
        ((Map<String, Object>) call.get("prefetch")).remove("assessment");
        ((Map<String, Object>) call.get("prefetch")).remove("coverage");
        Reply reply = post("/careplace-placement", JSON.writeValueAsString(call), validToken("careplace-placement"));
        assertThat(reply.status()).isEqualTo(412);
        assertThat((List<String>) reply.json().get("missing")).containsExactly("coverage", "assessment");
        assertThat((String) reply.json().get("detail")).startsWith("Prefetch missing: coverage, assessment.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRatingOfSevenIsRefusedNamingTheQuestionnaireItem() {
        Map<String, Object> call = example(3, 15);
        List<Map<String, Object>> dimensions = at(call, "prefetch", "assessment", "entry", 0, "resource", "item", 0, "item");
        dimensions.get(2).put("answer", List.of(Map.of("valueInteger", 7)));
        Reply reply = post("/careplace-placement", JSON.writeValueAsString(call), validToken("careplace-placement"));
        assertThat(reply.status()).isEqualTo(400);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) reply.json().get("errors");
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.get("field")).isEqualTo("QuestionnaireResponse item 'asam-d3'");
            assertThat((String) error.get("message")).contains("dimensions.d3").contains("7");
        });
    }

    @Test
    void noAssessmentYetIsACardSayingSoAndNoDecision() {
        Map<String, Object> call = example(1, 34);
        at(call, "prefetch");
        @SuppressWarnings("unchecked")
        Map<String, Object> prefetch = (Map<String, Object>) call.get("prefetch");
        prefetch.put("assessment", null);
        Reply reply = post("/careplace-placement", JSON.writeValueAsString(call), validToken("careplace-placement"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat((String) at(reply.json(), "cards", 0, "summary")).isEqualTo("No placement: the patient has no completed ASAM assessment");
    }

    @Test
    void feedbackIsRecordedAndCountsAgainstTheRulesThatFired() {
        Reply call = post("/careplace-placement", JSON.writeValueAsString(example(2, 45)), validToken("careplace-placement"));
        String card = at(call.json(), "cards", 0, "uuid");
        decisionLog.flush(Duration.ofSeconds(10));
        Reply reply = post("/careplace-placement/feedback", "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"reason\":{\"code\":\"not-available\",\"system\":\"" + PlacementCards.OVERRIDE_SYSTEM + "\"},"
                + "\"userComment\":\"No inpatient bed this week\"},\"outcomeTimestamp\":\"2026-12-04T10:15:00Z\"}]}",
                validToken("careplace-placement"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(feedback.forDecision(UUID.fromString(card))).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(CdsFeedback.Outcome.OVERRIDDEN);
            assertThat(f.reasonText()).isEqualTo("Recommended level not available or no capacity");
            assertThat(f.comment()).isEqualTo("No inpatient bed this week");
        });
        assertThat(feedback.byRule(Instant.parse("2026-12-01T00:00:00Z"))).filteredOn(r -> r.overridden() > 0).isNotEmpty()
                .allSatisfy(r -> assertThat(r.reasons()).containsKey("Recommended level not available or no capacity"));

        Reply bad = post("/careplace-placement/feedback", "{\"feedback\":[{\"card\":\"not-a-card\",\"outcome\":\"ignored\"}]}",
                validToken("careplace-placement"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().toString()).contains("feedback[0].card", "feedback[0].outcome");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fhirThatWouldLoseDataOrGuessAnAgeIsRefusedNamingTheElementNeverItsValue() {
        Map<String, Object> entryNotAnArray = example(1, 34);
        ((Map<String, Object>) at(entryNotAnArray, "prefetch", "conditions")).put("entry", Map.of("a", 1));
        Reply dropped = post("/careplace-placement", JSON.writeValueAsString(entryNotAnArray), validToken("careplace-placement"));
        assertThat(dropped.status()).as("diagnoses would silently be none").isEqualTo(400);
        assertThat((String) dropped.json().get("detail")).startsWith("prefetch.conditions: element 'entry'");

        Map<String, Object> impossibleDate = example(1, 34);
        ((Map<String, Object>) at(impossibleDate, "prefetch", "patient")).put("birthDate", "1990-02-30");
        Reply date = post("/careplace-placement", JSON.writeValueAsString(impossibleDate), validToken("careplace-placement"));
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().toString()).contains("prefetch.patient").doesNotContain("1990-02-30");

        Map<String, Object> yearOnly = example(1, 34);
        ((Map<String, Object>) at(yearOnly, "prefetch", "patient")).put("birthDate", "2008");
        Reply year = post("/careplace-placement", JSON.writeValueAsString(yearOnly), validToken("careplace-placement"));
        assertThat(year.status()).isEqualTo(400);
        assertThat((String) year.json().get("detail")).isEqualTo("Patient.birthDate gives no day; the age needs the full date");

        Map<String, Object> huge = example(3, 15);
        List<Map<String, Object>> dimensions = at(huge, "prefetch", "assessment", "entry", 0, "resource", "item", 0, "item");
        dimensions.get(0).put("answer", List.of(Map.of("valueDecimal", 1E+20)));
        Reply big = post("/careplace-placement", JSON.writeValueAsString(huge), validToken("careplace-placement"));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().toString()).contains("QuestionnaireResponse item 'asam-d1'");

        Map<String, Object> someoneElse = example(1, 34);
        someoneElse.put("context", Map.of("userId", "Practitioner/dr-lee", "patientId", "someone-else"));
        Reply mismatch = post("/careplace-placement", JSON.writeValueAsString(someoneElse), validToken("careplace-placement"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat((String) mismatch.json().get("detail")).contains("not the patient of context.patientId");
    }

    @Test
    void feedbackCountsOnlyOnCardsGivenToTheSameCaller() {
        // A card given to the system with the API key; the EHR with a JWT may not report on it
        Reply viaKey = post("/careplace-placement", JSON.writeValueAsString(example(4, 29)), KEY);
        String card = at(viaKey.json(), "cards", 0, "uuid");
        String forged = "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"userComment\":\"forged\"}}]}";
        Reply other = post("/careplace-placement/feedback", forged, validToken("careplace-placement"));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().toString()).contains("feedback[0].card");
        assertThat(post("/careplace-placement/feedback", forged.replace(card, UUID.randomUUID().toString()), KEY).status())
                .as("a card never given").isEqualTo(400);
        assertThat(feedback.forDecision(UUID.fromString(card))).isEmpty();
        // The system it was given to may
        assertThat(post("/careplace-placement/feedback", forged.replace("forged", "bed elsewhere"), KEY).status()).isEqualTo(200);
        assertThat(feedback.forDecision(UUID.fromString(card))).singleElement().satisfies(f -> assertThat(f.comment()).isEqualTo("bed elsewhere"));
    }

    @Test
    void tokensAreCheckedForIssuerSignatureAudienceAndExpiryAndAnApiKeyWorksToo() {
        String body = JSON.writeValueAsString(example(1, 34));
        Instant later = Instant.now().plusSeconds(240);
        // The defence's counterfactual: the same claims, right audience and key, are accepted
        assertThat(post("/careplace-placement", body, token(EHR_KEY, PUBLIC_URL + "/careplace-placement", later)).status()).isEqualTo(200);
        assertThat(post("/careplace-placement", body, token(EHR_KEY, PUBLIC_URL, later)).status()).as("discovery URL as audience").isEqualTo(200);
        // The URL the request came to is no audience: a Host header is the caller's to write
        assertThat(post("/careplace-placement", body, token(EHR_KEY, base() + "/careplace-placement", later)).status()).isEqualTo(401);
        // A token is good once, and for minutes, not years
        String once = token(EHR_KEY, PUBLIC_URL + "/careplace-placement", later);
        assertThat(post("/careplace-placement", body, once).status()).isEqualTo(200);
        Reply replayed = post("/careplace-placement", body, once);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat((String) replayed.json().get("detail")).contains("used before");
        assertThat(post("/careplace-placement", body, token(EHR_KEY, PUBLIC_URL + "/careplace-placement", Instant.now().plusSeconds(86_400 * 365)))
                .status()).as("a token for a year").isEqualTo(401);

        Reply wrongAudience = post("/careplace-placement", body, token(EHR_KEY, "https://other-cds.example.org/cds-services/careplace-placement", later));
        assertThat(wrongAudience.status()).isEqualTo(401);
        assertThat((String) wrongAudience.json().get("detail")).contains("aud");
        Reply expired = post("/careplace-placement", body, token(EHR_KEY, PUBLIC_URL + "/careplace-placement", Instant.now().minusSeconds(600)));
        assertThat(expired.status()).isEqualTo(401);
        assertThat((String) expired.json().get("detail")).containsIgnoringCase("expired");
        assertThat(post("/careplace-placement", body, token(OTHER_KEY, PUBLIC_URL + "/careplace-placement", later)).status())
                .as("signed by a key the EHR never published").isEqualTo(401);
        assertThat(post("/careplace-placement", body, null).status()).isEqualTo(401);
        assertThat(post("/careplace-placement", body, KEY).status()).as("an API key, for systems without JWT").isEqualTo(200);
        assertThat(post("/careplace-placement", body, "not-a-key").status()).isEqualTo(401);
    }
}
