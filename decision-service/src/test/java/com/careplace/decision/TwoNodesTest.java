package com.careplace.decision;

import com.careplace.decision.release.ReleaseLifecycleTest;

import com.careplace.decision.release.ReleaseService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two nodes on one PostgreSQL: a deployment made through either reaches both within seconds. */
class TwoNodesTest {

    private static final String DATABASE = "careplace_two_nodes_test";
    private static final String KEY = "two-nodes-test-key-0001";
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        Map<String, Object> properties = new HashMap<>(TestDatabases.freshPostgres(DATABASE));
        properties.put("server.port", 0);
        properties.put("careplace.decision.bootstrap-api-key", KEY);
        properties.put("careplace.decision.deployment-poll", "500ms");
        // As command-line arguments, so they win over application.properties as they would on a real node.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        nodeA = new SpringApplicationBuilder(DecisionServiceApplication.class).run(args);
        nodeB = new SpringApplicationBuilder(DecisionServiceApplication.class).run(args);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        TestDatabases.dropPostgres(DATABASE);
    }

    private static ApiClient client(ConfigurableApplicationContext node) {
        return new ApiClient(((WebServerApplicationContext) node).getWebServer().getPort(), KEY);
    }

    private static String version(ConfigurableApplicationContext node) {
        ApiClient.Reply reply = client(node).post("/api/v1/decisions/placement", ReleaseLifecycleTest.EXAMPLE_1);
        return String.valueOf(((Map<?, ?>) reply.json().get("release")).get("version"));
    }

    @Test
    void bothNodesFollowEveryDeployment() {
        assertThat(version(nodeA)).isEqualTo("1.0.0");
        assertThat(version(nodeB)).isEqualTo("1.0.0");

        ReleaseService onA = nodeA.getBean(ReleaseService.class);
        onA.publish("1.1.0", TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"), "author");
        onA.deploy("1.1.0", "reviewer");
        assertThat(version(nodeA)).isEqualTo("1.1.0");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(version(nodeB)).isEqualTo("1.1.0"));

        nodeB.getBean(ReleaseService.class).deploy("1.0.0", "reviewer");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(version(nodeA)).isEqualTo("1.0.0"));
    }
}
