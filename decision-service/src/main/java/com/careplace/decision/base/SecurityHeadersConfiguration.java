package com.careplace.decision.base;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Writes {@link SecurityHeaders} on every answer of a standalone node, before anything else runs, so refusals
 * (401, 413) carry them too. Where Spring Security is present (the workbench embedding this service) it writes
 * the headers itself, as Spring Security's own header writers would otherwise write theirs beside these.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass("org.springframework.security.web.SecurityFilterChain")
class SecurityHeadersConfiguration {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> securityHeadersFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                SecurityHeaders.write(request, response);
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/*");
        registration.setName("careplaceSecurityHeaders");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
