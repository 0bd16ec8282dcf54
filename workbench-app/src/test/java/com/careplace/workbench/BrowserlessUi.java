package com.careplace.workbench;

import com.careplace.workbench.account.Role;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Browserless UI tests (Karibu-Testing): the real views, services, security and database in one JVM,
 * with the Vaadin session mocked instead of a browser. Faster than Playwright, so screens' behaviour
 * is tested here and only the main journeys in a real browser.
 */
@SpringBootTest(classes = WorkbenchApplication.class)
// Vaadin installs its own SecurityContextHolder strategy, process-wide, per application context; method
// security keeps the one of its own context. A context cached from an earlier class would read another
// strategy than the one tests sign in on, so each class starts its own.
@DirtiesContext
public abstract class BrowserlessUi {

    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        FreshDatabase.h2(registry);
    }

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("com.careplace.workbench");
    }

    @BeforeEach
    void mockVaadin() {
        MockVaadin.setup(UI::new, new MockSpringServlet(routes, context, UI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SignedIn.out();
    }

    /**
     * Signs {@code username} in, in a new session, for both sides of the app: Spring Security (services, {@code
     * AuthenticationContext}) and the servlet request (Vaadin's view access checks).
     */
    protected void signIn(String username, Role... roles) {
        // A sign-in starts a new session, as in a browser: views built for the last user are gone.
        MockVaadin.tearDown();
        mockVaadin();
        SignedIn.as(username, roles);
        Set<String> granted = Arrays.stream(roles).map(Role::name).collect(Collectors.toSet());
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(SecurityContextHolder.getContext().getAuthentication());
        request.setUserInRole((principal, role) -> granted.contains(role.replaceFirst("^ROLE_", "")));
    }

    /**
     * Waits for background work (checks, impact) to push its result: runs the UI's pending tasks, as a
     * browser round trip would, until {@code done} holds.
     */
    protected static void awaitUi(Callable<Boolean> done) {
        await().atMost(Duration.ofMinutes(2)).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
            MockVaadin.clientRoundtrip(false);
            return done.call();
        });
    }
}
