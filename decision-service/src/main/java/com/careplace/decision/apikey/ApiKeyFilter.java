package com.careplace.decision.apikey;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Lets a request to the decision API through only with a valid {@code Authorization: Bearer <key>};
 * otherwise answers 401 (503 when the key cannot be checked) before anything is read or evaluated. The
 * caller's name is left in the request attribute {@link #CALLER} for the decision log.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated calling system. */
    public static final String CALLER = "careplace.caller";
    private static final String PREFIX = "Bearer ";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            reject(response, "Send an API key as 'Authorization: Bearer <key>'.");
            return;
        }
        Optional<String> caller;
        try {
            caller = keys.authenticate(header.substring(PREFIX.length()).strip());
        } catch (DataAccessException e) {
            // Cannot tell a valid key from a revoked one: neither 401 (it may be valid) nor 500 (nothing is broken here).
            unavailable(response, 1, "The API key cannot be checked just now; retry shortly.");
            return;
        }
        if (caller.isEmpty()) {
            reject(response, "The API key is unknown or revoked.");
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, String detail) throws IOException {
        unauthorized(response, "careplace", detail);
    }

    /** A 401 problem for a bearer-token realm, written before anything is read or evaluated. */
    public static void unauthorized(HttpServletResponse response, String realm, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        problem(response, "Unauthorized", detail);
    }

    /** A 503 problem with {@code Retry-After}: what cannot be checked now is neither refused nor let through. */
    public static void unavailable(HttpServletResponse response, int retryAfterSeconds, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        problem(response, "Service unavailable", detail);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** An RFC 9457 problem with the response's status, {@code title} and {@code detail}, as the filters answer. */
    public static void problem(HttpServletResponse response, String title, String detail) throws IOException {
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(java.util.Map.of(
                "type", "about:blank", "title", title, "status", response.getStatus(), "detail", detail)));
        response.flushBuffer();
    }
}
