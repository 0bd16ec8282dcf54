package com.careplace.workbench.account;

import com.careplace.workbench.account.ui.LoginView;

import com.careplace.decision.base.SecurityHeaders;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.time.Clock;
import java.util.Map;

/**
 * Two doors. Calling systems use the decision API with API keys, operators the actuator with the operations
 * key (both checked by the decision service's own filters, the same as on a standalone node): no session, no
 * CSRF, no sign-in page. People use the workbench: Spring Security sessions with Vaadin's sign-in view and
 * view access control; services check roles again with method security. Password sign-in is throttled
 * ({@link SignInThrottle}); sessions end when their account changes ({@link SessionVersionCheck}). Both doors
 * send the security headers (Content-Security-Policy, nosniff, frame denial, referrer policy): the decision
 * service's values on its endpoints, {@link #WORKBENCH_POLICY} on the workbench's pages.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SignInSettings.class)
class SecurityConfiguration {

    /**
     * The workbench pages' Content-Security-Policy. Vaadin Flow needs {@code 'unsafe-inline'} scripts (its
     * bootstrap page starts the client engine inline) and {@code 'unsafe-eval'} (the engine runs what the server
     * sends, {@code executeJs} and event expressions, as constructed functions), and inline styles; see Vaadin's
     * "Content Security Policy" page. Everything else is this origin only: scripts, styles, fonts, the push
     * websocket and requests; no plugins, no other site may frame a page, forms post only here.
     */
    static final String WORKBENCH_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Where a refused sign-in lands; the sign-in view says why. Unknown names land where wrong passwords do. */
    static final String WRONG = "/login?error";
    static final String PAUSED = "/login?paused";
    static final String EXPIRED = "/login?expired";

    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        // CDS Hooks (EHRs): authenticated by the decision service itself, by JWT or API key, as /api is by API key
        return http.securityMatcher("/api/**", "/cds-services", "/cds-services/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**",
                        "/swagger-ui.html")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> securityHeaders(headers, (request, response) -> response.setHeader("Content-Security-Policy",
                        SecurityHeaders.contentSecurityPolicy(request))))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain workbench(HttpSecurity http, UserAccounts accounts) throws Exception {
        ExceptionMappingAuthenticationFailureHandler refused = new ExceptionMappingAuthenticationFailureHandler();
        refused.setDefaultFailureUrl(WRONG);
        refused.setExceptionMappings(Map.of(SignInPausedException.class.getName(), PAUSED,
                CredentialsExpiredException.class.getName(), EXPIRED));
        // Vaadin's configurer keeps a failure handler set here (it fills one in only when none is set). The login
        // page is named here too: form login initialises before Vaadin names it, and would add Spring's own page.
        return http.formLogin(form -> form.failureHandler(refused).loginPage("/login"))
                .addFilterAfter(new SessionVersionCheck(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/styles/**").permitAll())
                .headers(headers -> securityHeaders(headers,
                        (request, response) -> response.setHeader("Content-Security-Policy", WORKBENCH_POLICY)))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    /**
     * Spring Security's default headers (nosniff, no caching) with frames denied, the referrer policy and
     * {@code csp}. Written before the request goes on, not when the response is committed: Vaadin forwards its
     * pages (the sign-in page among them) to its servlet, a forwarded response is completed by the container,
     * and lazily written headers never went out with it. Written first, they also make Vaadin keep
     * X-Frame-Options DENY instead of setting its SAMEORIGIN.
     */
    private static void securityHeaders(HeadersConfigurer<HttpSecurity> headers, HeaderWriter csp) {
        headers.frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.get(SecurityHeaders.REFERRER_POLICY)))
                .addHeaderWriter(csp)
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }

    /**
     * The only authentication provider (so Spring Boot builds no other): Spring Security's password check,
     * behind the throttle. For names that are no account it still hashes a dummy password, so both take as
     * long. Account states are checked only after the password, so a disabled account answers a wrong
     * password exactly like any other, and only someone holding the right one-time password learns it expired.
     */
    @Bean
    AuthenticationProvider passwordSignIn(UserAccounts accounts, PasswordEncoder encoder, SignInThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
        passwords.setPasswordEncoder(encoder);
        passwords.setPreAuthenticationChecks(user -> {
        });
        passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("account disabled");
            }
            if (!user.isAccountNonExpired()) {
                throw new AccountExpiredException("account expired");
            }
            if (!user.isCredentialsNonExpired()) {
                throw new CredentialsExpiredException("one-time password expired");
            }
        });
        return new ThrottledSignIn(passwords, throttle);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Time for accounts and sign-in (pauses, one-time password expiry); tests set it to skip ahead. */
    @Bean
    Clock accountClock() {
        return Clock.systemUTC();
    }
}
