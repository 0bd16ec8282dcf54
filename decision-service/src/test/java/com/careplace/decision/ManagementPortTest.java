package com.careplace.decision;

import com.careplace.decision.base.SecurityHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator on a port of its own ({@code management.server.port}), as Prometheus scraping is often set up:
 * the same rule holds there (a separate port is network isolation on top, not instead), and the
 * application's port no longer serves the actuator at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "careplace.decision.operations-key=" + ManagementPortTest.OPERATIONS_KEY,
                "careplace.decision.bootstrap-api-key=" + ManagementPortTest.API_KEY})
class ManagementPortTest {

    static final String OPERATIONS_KEY = "management-port-operations-key-01";
    static final String API_KEY = "management-port-caller-key-0001";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.freshH2().forEach((key, value) -> registry.add(key, () -> value));
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void onTheManagementPortOnlyTheProbesAreOpen() {
        assertThat(managementPort).isNotEqualTo(port);
        ApiClient management = new ApiClient(managementPort, API_KEY);
        ApiClient.Reply probe = management.get("/actuator/health/readiness");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.body()).isEqualTo("{\"status\":\"UP\"}");
        for (String closed : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info")) {
            assertThat(management.get(closed).status()).as(closed).isEqualTo(401);
            assertThat(management.get(closed, API_KEY).status()).as(closed + " with a caller's key").isEqualTo(401);
            assertThat(management.get(closed, OPERATIONS_KEY).status()).as(closed + " with the operations key").isEqualTo(200);
        }
        assertThat(management.get("/actuator/health/readiness", OPERATIONS_KEY).body()).contains("\"active\":\"1.0.0\"");

        ApiClient application = new ApiClient(port, API_KEY);
        assertThat(application.get("/actuator/prometheus", OPERATIONS_KEY).status()).isEqualTo(404);
        ApiClient.Reply decision = application.post(PlacementApiContract.PATH,
                PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL", ""));
        assertThat(decision.status()).isEqualTo(200);
        OperationsAccessTest.assertHeaders("decision", decision, SecurityHeaders.API_POLICY);
    }
}
