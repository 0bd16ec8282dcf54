package com.careplace.workbench.account;

import com.careplace.workbench.account.ui.LoginView;

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
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import java.time.Clock;
import java.util.Map;

/**
 * Two doors. Calling systems use the decision API with API keys (checked by the decision service's own
 * filter): no session, no CSRF, no sign-in page. People use the workbench: Spring Security sessions with
 * Vaadin's sign-in view and view access control; services check roles again with method security.
 * Password sign-in is throttled ({@link SignInThrottle}); sessions end when their account changes
 * ({@link SessionVersionCheck}).
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SignInSettings.class)
class SecurityConfiguration {

    /** Where a refused sign-in lands; the sign-in view says why. Unknown names land where wrong passwords do. */
    static final String WRONG = "/login?error";
    static final String PAUSED = "/login?paused";
    static final String EXPIRED = "/login?expired";

    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
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
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
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
