package com.careplace.decision.release;

import com.careplace.decision.ApiClient;
import com.careplace.decision.DecisionServiceApplication;
import com.careplace.decision.TestDatabases;
import com.careplace.decision.TestReleases;
import com.careplace.decision.base.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The readiness probe of nodes on one PostgreSQL when a node refuses the newest deployment. A refusal only
 * this node makes takes it out of the load balancer (another node serves the deployed release); a refusal
 * every node makes (the installation's deployment is bad) leaves them all in, serving the release before it,
 * since taking them all out would stop every decision.
 */
class ReadinessTest {

    private static final String DATABASE = "careplace_readiness_test";
    private static final String KEY = "readiness-test-key-0001";
    private static final String OPERATIONS_KEY = "readiness-test-operations-0001";
    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
    private static String[] args;

    private static ConfigurableApplicationContext startNode() {
        if (args == null) {
            Map<String, Object> properties = new HashMap<>(TestDatabases.freshPostgres(DATABASE));
            properties.put("server.port", 0);
            properties.put("careplace.decision.bootstrap-api-key", KEY);
            properties.put("careplace.decision.operations-key", OPERATIONS_KEY);
            properties.put("careplace.decision.deployment-poll", "200ms");
            args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }
        ConfigurableApplicationContext node = new SpringApplicationBuilder(DecisionServiceApplication.class).run(args);
        NODES.add(node);
        return node;
    }

    @AfterAll
    static void stop() {
        NODES.forEach(ConfigurableApplicationContext::close);
        TestDatabases.dropPostgres(DATABASE);
    }

    private static ApiClient client(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort(), KEY);
    }

    /** The probe as a load balancer sees it: the status code, and a body with the status alone. */
    private static int probe(ConfigurableApplicationContext node) {
        ApiClient.Reply reply = client(node).get("/actuator/health/readiness");
        assertThat(reply.body()).doesNotContain("refused", "active");
        return reply.status();
    }

    /** The probe as an operator reads it. */
    private static String details(ConfigurableApplicationContext node) {
        return client(node).get("/actuator/health/readiness", OPERATIONS_KEY).body();
    }

    private static String serving(ConfigurableApplicationContext node) {
        ApiClient.Reply reply = client(node).post("/api/v1/decisions/placement", ReleaseLifecycleTest.EXAMPLE_1);
        return String.valueOf(((Map<?, ?>) reply.json().get("release")).get("version"));
    }

    @Test
    void aNodeLeavesTheLoadBalancerOnlyWhenAnotherServesTheReleaseItRefused() {
        ConfigurableApplicationContext a = startNode();
        ReleaseService releasesOnA = a.getBean(ReleaseService.class);
        releasesOnA.publish("1.1.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"), "author");
        Deployment newest = releasesOnA.deploy("1.1.0", "deployer");
        assertThat(serving(a)).isEqualTo("1.1.0");

        // A refusal of A's own: the newest deployment is deleted, so the history A followed went backwards; a
        // node starting now knows nothing of it and follows what is left, 1.0.0.
        a.getBean(JdbcTemplate.class).update("delete from deployment where id = ?", newest.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(details(a)).contains("The deployment history went backwards"));
        assertThat(probe(a)).as("alone, A serves what it has rather than nothing").isEqualTo(200);
        assertThat(details(a)).contains("\"status\":\"UP\"", "\"deployed\":\"1.0.0\"", "\"anotherNodeServesDeployed\":false");

        ConfigurableApplicationContext b = startNode();
        assertThat(serving(b)).isEqualTo("1.0.0");
        assertThat(probe(b)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(probe(a)).as("B serves the deployed release: A leaves").isEqualTo(503));
        assertThat(details(a)).contains("\"status\":\"OUT_OF_SERVICE\"", "\"active\":\"1.1.0\"", "\"anotherNodeServesDeployed\":true");
        assertThat(client(a).get("/actuator/health/liveness").status()).as("alive all the same: no restart").isEqualTo(200);

        // A refusal of the installation's: a deployed release no node loads. Both refuse it, both stay in.
        Release corrupt = corruptRelease(a, "3.0.0");
        a.getBean(ReleaseStore.class).recordDeployment(corrupt, "tool", now(), a.getBean(ReleaseSignatures.class)::sign);
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(details(node)).contains("Release 3.0.0 does not load"));
            assertThat(probe(node)).isEqualTo(200);
            assertThat(details(node)).contains("\"status\":\"UP\"", "\"anotherNodeServesDeployed\":false");
        }
        assertThat(serving(a)).isEqualTo("1.1.0");
        assertThat(serving(b)).isEqualTo("1.0.0");
    }

    private static Release corruptRelease(ConfigurableApplicationContext node, String version) {
        // As if written by a faulty tool holding the key, bypassing publish's checks (as ReleaseLifecycleTest does).
        byte[] bytes = "corrupt".getBytes(StandardCharsets.UTF_8);
        Release release = new Release(UUID.randomUUID().toString(), version, Sha256.hex(bytes), now(), "tool");
        node.getBean(ReleaseStore.class).insert(release, bytes, node.getBean(ReleaseSignatures.class).sign(release));
        return release;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
