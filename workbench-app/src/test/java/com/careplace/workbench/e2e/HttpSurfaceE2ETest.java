package com.careplace.workbench.e2e;


import com.careplace.decision.base.SecurityHeaders;
import com.careplace.workbench.WorkbenchApplication;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the whole workbench (decision service inside) shows over the network, started as {@code ./careplace run}
 * starts it: one listening port; only the health probes open to anyone, with their status alone (before, every
 * actuator endpoint answered anyone, an anonymous {@code /actuator/prometheus} with 200); the security headers on
 * pages and API answers; and, in Chromium, the sign-in page and Swagger UI working under their policies.
 */
class HttpSurfaceE2ETest {

    private static final String API_KEY = "surface-intake-portal-key-0001";
    private static final String OPERATIONS_KEY = "surface-operations-key-0001";
    private static final String DECISION = "{\"age\":34,\"diagnoses\":[\"F10.20\"],\"dimensions\":{\"d1\":1,\"d2\":0,\"d3\":2,"
            + "\"d4\":1,\"d5\":2,\"d6\":1},\"availableHoursPerWeek\":12,\"payer\":\"COMMERCIAL\"}";

    private static ConfigurableApplicationContext workbench;
    private static String baseUrl;
    /** The ports the workbench opened while starting, beyond what this JVM already listened on. */
    private static Set<Integer> opened;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // Careplace runs on Linux; a check skipped for want of /proc would prove nothing.
        assertThat(ListeningSockets.available()).as("Linux's /proc/self/fd and /proc/self/net/tcp").isTrue();
        Set<Integer> before = ListeningSockets.ofThisProcess();
        workbench = new SpringApplicationBuilder(WorkbenchApplication.class).run("--server.port=0",
                "--careplace.data-dir=" + Path.of("target/test-data", UUID.randomUUID().toString()).toAbsolutePath(),
                "--careplace.demo-users=true", "--careplace.decision.bootstrap-api-key=" + API_KEY,
                "--careplace.decision.operations-key=" + OPERATIONS_KEY);
        opened = new HashSet<>(ListeningSockets.ofThisProcess());
        opened.removeAll(before);
        baseUrl = "http://localhost:" + ((WebServerApplicationContext) workbench).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        workbench.close();
    }

    private HttpResponse<String> send(String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWorkbenchListensOnItsHttpPortAlone() {
        int httpPort = ((WebServerApplicationContext) workbench).getWebServer().getPort();
        assertThat(opened).as("no H2 server, nothing but HTTP").containsExactly(httpPort);
    }

    @Test
    void onlyTheProbesAreOpenAndTheOperationsKeyOpensTheRest() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> reply = send(probe, null, null);
            assertThat(reply.statusCode()).as(probe).isEqualTo(200);
            assertThat(reply.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        for (String closed : List.of("/actuator/prometheus", "/actuator/info", "/actuator/health", "/actuator")) {
            assertThat(send(closed, null, null).statusCode()).as(closed).isEqualTo(401);
            assertThat(send(closed, API_KEY, null).statusCode()).as(closed + " with a caller's API key").isEqualTo(401);
            assertThat(send(closed, OPERATIONS_KEY, null).statusCode()).as(closed + " with the operations key").isEqualTo(200);
        }
        assertThat(send("/actuator/prometheus", OPERATIONS_KEY, null).body()).contains("careplace_release_swaps_total");
        assertThat(send("/actuator/health/readiness", OPERATIONS_KEY, null).body()).contains("\"active\":\"1.0.0\"");
        assertThat(send("/api/v1/decisions/placement", OPERATIONS_KEY, DECISION).statusCode()).as("the operations key decides nothing")
                .isEqualTo(401);
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeadersOnce() {
        HttpResponse<String> signIn = send("/login", null, null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<html");
        List<String> pagePolicy = signIn.headers().allValues("Content-Security-Policy");
        assertThat(pagePolicy).hasSize(1);
        assertThat(pagePolicy.getFirst()).contains("default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'", "object-src 'none'", "frame-ancestors 'none'");
        assertOtherHeaders("sign-in page", signIn);
        HttpResponse<String> signedOut = send("/", null, null);
        assertThat(signedOut.headers().allValues("Content-Security-Policy")).as("a redirect to sign-in").isEqualTo(pagePolicy);

        HttpResponse<String> decision = send("/api/v1/decisions/placement", API_KEY, DECISION);
        assertThat(decision.statusCode()).isEqualTo(200);
        Map<String, HttpResponse<String>> machine = Map.of("decision", decision,
                "refused decision", send("/api/v1/decisions/placement", null, DECISION),
                "probe", send("/actuator/health/readiness", null, null),
                "refused metrics", send("/actuator/prometheus", null, null),
                "metrics", send("/actuator/prometheus", OPERATIONS_KEY, null));
        machine.forEach((what, reply) -> {
            assertThat(reply.headers().allValues("Content-Security-Policy")).as(what).containsExactly(SecurityHeaders.API_POLICY);
            assertOtherHeaders(what, reply);
        });
        HttpResponse<String> swagger = send("/swagger-ui/index.html", null, null);
        assertThat(swagger.statusCode()).isEqualTo(200);
        assertThat(swagger.headers().allValues("Content-Security-Policy")).containsExactly(SecurityHeaders.DOCS_POLICY);
        assertOtherHeaders("swagger ui", swagger);
    }

    private static void assertOtherHeaders(String what, HttpResponse<String> reply) {
        assertThat(reply.headers().allValues("X-Content-Type-Options")).as(what).containsExactly("nosniff");
        assertThat(reply.headers().allValues("X-Frame-Options")).as(what).containsExactly("DENY");
        assertThat(reply.headers().allValues("Referrer-Policy")).as(what).containsExactly("same-origin");
    }

    /** The sign-in flow and Swagger UI in Chromium under their policies; {@link Browser#close()} fails on any violation. */
    @Test
    void signInAndSwaggerUiWorkUnderTheirPolicies() {
        try (Browser browser = new Browser(baseUrl)) {
            Page dana = browser.signIn("dana", "dana-demo-password");
            assertThat(dana.getByText("Change requests").first()).isVisible();
            Browser.screenshot(dana, "surface-01-signed-in-under-csp");

            Page docs = browser.open("/swagger-ui.html");
            assertThat(docs.getByText("/api/v1/decisions/placement").first()).isVisible();
            Browser.screenshot(docs, "surface-02-swagger-ui-under-csp");
            assertThat(browser.cspViolations()).isEmpty();

            // Control: what the policy forbids (an image from another site) is blocked, and the browser says so.
            ConsoleMessage blocked = docs.waitForConsoleMessage(
                    new Page.WaitForConsoleMessageOptions().setPredicate(m -> m.text().startsWith("CSP violation")),
                    () -> docs.evaluate("() => { const img = document.createElement('img');"
                            + " img.src = 'http://elsewhere.invalid/pixel.png'; document.body.appendChild(img); }"));
            assertThat(blocked.text()).contains("img-src", "elsewhere.invalid");
            assertThat(browser.takeCspViolations()).singleElement().asString().contains("elsewhere.invalid");
        }
    }
}
