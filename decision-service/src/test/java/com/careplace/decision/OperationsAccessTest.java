package com.careplace.decision;

import com.careplace.decision.apikey.ApiKeys;
import com.careplace.decision.base.SecurityHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a node shows to whom, over real HTTP. Before, every actuator endpoint answered anyone: an anonymous
 * {@code GET /actuator/prometheus} was 200 with every metric, and {@code /actuator/health} showed the active
 * release and why a deployment was refused. Now only the probes answer anonymously, with their status alone;
 * the rest needs the operations key, which is neither a caller's API key nor accepted by the decision API.
 * And every answer carries the security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"careplace.decision.bootstrap-api-key=" + OperationsAccessTest.API_KEY,
                "careplace.decision.operations-key=" + OperationsAccessTest.OPERATIONS_KEY})
class OperationsAccessTest {

    static final String API_KEY = "operations-test-caller-key-0001";
    static final String OPERATIONS_KEY = "operations-test-operations-key-0001";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeys keys;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port, API_KEY);
    }

    @Test
    void onlyTheProbesAnswerAnonymouslyAndOnlyWithTheirStatus() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            ApiClient.Reply reply = api.get(probe);
            assertThat(reply.status()).as(probe).isEqualTo(200);
            assertThat(reply.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        // Every other spelling, endpoint and component is closed, including ways around an exact match.
        for (String closed : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health", "/actuator",
                "/actuator/health/release", "/actuator/health/readiness/release", "/actuator/prometheus/",
                "/actuator/%70rometheus", "/actuator/health/readiness;x=1", "/actuator/health/liveness/")) {
            ApiClient.Reply reply = api.get(closed);
            assertThat(reply.status()).as(closed).isEqualTo(401);
            assertThat(reply.contentType()).as(closed).startsWith("application/problem+json");
            assertThat(reply.body()).as(closed).doesNotContain("1.0.0", "careplace_");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).as(closed).hasValue("Bearer realm=\"careplace-operations\"");
        }
    }

    @Test
    void theOperationsKeyOpensMetricsInfoAndHealthDetails() {
        ApiClient.Reply metrics = api.get("/actuator/prometheus", OPERATIONS_KEY);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("careplace_release_swaps_total{result=\"swapped\"}");
        assertThat(api.get("/actuator/info", OPERATIONS_KEY).status()).isEqualTo(200);
        ApiClient.Reply health = api.get("/actuator/health", OPERATIONS_KEY);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"release\"", "\"active\":\"1.0.0\"", "\"db\"");
        assertThat(api.get("/actuator/health/readiness", OPERATIONS_KEY).body()).contains("\"active\":\"1.0.0\"");
    }

    @Test
    void noOtherKeyOpensTheActuatorAndTheOperationsKeyDecidesNothing() {
        ApiKeys.IssuedKey caller = keys.issue("intake-portal-" + port);
        for (String key : List.of(API_KEY, caller.key(), OPERATIONS_KEY + "x", OPERATIONS_KEY.substring(1), "")) {
            assertThat(api.get("/actuator/prometheus", key).status()).as(key).isEqualTo(401);
            // A probe with a wrong key still answers: a stale key in a load balancer must not take nodes out.
            ApiClient.Reply probe = api.get("/actuator/health/readiness", key);
            assertThat(probe.status()).as(key).isEqualTo(200);
            assertThat(probe.body()).as(key).isEqualTo("{\"status\":\"UP\"}");
        }
        ApiClient.Reply decision = api.post(PlacementApiContract.PATH,
                PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ""), "application/json", OPERATIONS_KEY);
        assertThat(decision.status()).isEqualTo(401);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersOnce() {
        String body = PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", "");
        Map<String, ApiClient.Reply> answers = Map.of(
                "decision", api.post(PlacementApiContract.PATH, body),
                "refused decision", api.post(PlacementApiContract.PATH, body, "application/json", null),
                "problem", api.post(PlacementApiContract.PATH, "{}"),
                "probe", api.get("/actuator/health/readiness"),
                "refused metrics", api.get("/actuator/prometheus"),
                "metrics", api.get("/actuator/prometheus", OPERATIONS_KEY),
                "openapi", api.get("/v3/api-docs"));
        assertThat(answers.get("decision").status()).isEqualTo(200);
        answers.forEach((what, reply) -> assertHeaders(what, reply, SecurityHeaders.API_POLICY));
        ApiClient.Reply swagger = api.get("/swagger-ui/index.html");
        assertThat(swagger.status()).isEqualTo(200);
        assertHeaders("swagger ui", swagger, SecurityHeaders.DOCS_POLICY);
        assertThat(SecurityHeaders.API_POLICY).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(SecurityHeaders.DOCS_POLICY).contains("script-src 'self';", "frame-ancestors 'none'").doesNotContain("unsafe-eval");
    }

    static void assertHeaders(String what, ApiClient.Reply reply, String policy) {
        assertThat(reply.headers().allValues("Content-Security-Policy")).as(what).containsExactly(policy);
        assertThat(reply.headers().allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(reply.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(reply.headers().allValues("Referrer-Policy")).as(what).containsExactly("same-origin");
    }
}
