package com.careplace.decision;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node started with the shipped defaults opens one listening port, its HTTP port. Before, the H2 URL carried
 * {@code AUTO_SERVER=TRUE}, and H2 opened a TCP server of its own on a random port at the first connection; the
 * control below shows this check sees it when the setting asks for it.
 */
class DefaultPortsTest {

    /** The ports a node opens while starting, beyond what this JVM (other tests' servers) already listens on. */
    private static Set<String> newListeners(String... args) {
        Set<String> before = ListeningSockets.ofThisProcess();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(DecisionServiceApplication.class).run(args)) {
            Set<String> opened = new HashSet<>(ListeningSockets.ofThisProcess());
            opened.removeAll(before);
            int http = ((WebServerApplicationContext) node).getWebServer().getPort();
            assertThat(opened).as("the HTTP port is among them").anyMatch(socket -> ListeningSockets.port(socket) == http);
            opened.removeIf(socket -> ListeningSockets.port(socket) == http);
            if (opened.isEmpty()) {
                // With defaults: no operations key, so nothing but the probes answers.
                ApiClient.Reply metrics = new ApiClient(http, "none").get("/actuator/prometheus");
                assertThat(metrics.status()).isEqualTo(401);
                assertThat(metrics.body()).contains("set careplace.decision.operations-key");
            }
            return opened;
        }
    }

    private static String dataDir() {
        return "--careplace.data-dir=" + TestDatabases.freshH2().get("careplace.data-dir");
    }

    @Test
    void withTheDefaultsOnlyTheHttpPortListens() {
        ListeningSockets.requireAvailable();
        assertThat(newListeners("--server.port=0", dataDir())).isEmpty();
    }

    @Test
    void h2sAutoServerListensOnlyWhenTheSettingAsksForIt() {
        ListeningSockets.requireAvailable();
        Set<String> opened = newListeners("--server.port=0", dataDir(), "--careplace.h2.auto-server=true");
        assertThat(opened).as("H2's TCP server for a second process").hasSize(1);
    }
}
