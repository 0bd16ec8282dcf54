package com.careplace.workbench.e2e;

import com.careplace.workbench.FreshDatabase;
import com.careplace.workbench.WorkbenchApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole workbench on a random port with a fresh database, the demo users and an API key for calling
 * systems: what the end-to-end tests drive with a real browser and real HTTP.
 */
@SpringBootTest(classes = WorkbenchApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"careplace.demo-users=true", "careplace.decision.bootstrap-api-key=" + RunningWorkbench.API_KEY})
// Each class changes mainline and releases: it gets a workbench (and database) of its own.
@DirtiesContext
abstract class RunningWorkbench {

    static final String API_KEY = "e2e-intake-portal-key-0001";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    String baseUrl() {
        return "http://localhost:" + port;
    }
}
