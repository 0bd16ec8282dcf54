package com.careplace.decision.apikey;

import com.careplace.decision.base.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Set;

/**
 * Guards the actuator endpoints. Only the two health probes answer anyone, and then with their status alone;
 * Prometheus, info, the full health and the details of the probes (refusal reasons, release versions) need
 * {@code Authorization: Bearer <careplace.decision.operations-key>}. A request carrying that key is marked as
 * the operator ({@link #ROLE}), which is what {@code management.endpoint.health.show-details=when-authorized}
 * asks before it shows details.
 * <p>
 * The key is a setting, not a row of the API-key table, on purpose: operators need health details and metrics
 * most when the database is down, and the keys of calling systems (which may decide) and of a scraper (which
 * may read the node's state) should not open each other's doors.
 */
public class OperationsKeyFilter extends OncePerRequestFilter {

    /** The role an operations-key request holds; {@code management.endpoint.health.roles} names it. */
    public static final String ROLE = "CAREPLACE_OPERATIONS";
    private static final String PREFIX = "Bearer ";

    private final byte[] keyHash;
    private final Set<String> probes;

    /**
     * @param operationsKey the key operators present; {@code null} when none is set (nothing but the probes then)
     * @param basePath      where the actuator endpoints are, e.g. {@code /actuator}
     */
    public OperationsKeyFilter(String operationsKey, String basePath) {
        this.keyHash = operationsKey == null ? null : digest(operationsKey);
        this.probes = Set.of(basePath + "/health/liveness", basePath + "/health/readiness");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (presentsTheKey(request)) {
            chain.doFilter(new Operator(request), response);
            return;
        }
        // Exact paths only: anything else under the base path (a variant spelling, a component of a probe, a
        // new endpoint someone exposes later) is closed until the key is shown.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (probes.contains(path)) {
            // A load balancer configured with a stale key still gets the status: a probe never fails for it.
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"careplace-operations\"");
        response.setContentType("application/problem+json");
        String detail = keyHash == null
                ? "Only the health probes are open on this node; set careplace.decision.operations-key to read the others."
                : "Send the operations key as 'Authorization: Bearer <key>'.";
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private boolean presentsTheKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (keyHash == null || header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        // Digests compared in constant time: the comparison reveals nothing of the key byte by byte.
        return MessageDigest.isEqual(keyHash, digest(header.substring(PREFIX.length()).strip()));
    }

    private static byte[] digest(String key) {
        return Sha256.hex(key).getBytes(StandardCharsets.US_ASCII);
    }

    /** The request as the operator's: the actuator's security check reads principal and role from it. */
    private static final class Operator extends HttpServletRequestWrapper {

        private static final Principal OPERATIONS = () -> "operations";

        Operator(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return OPERATIONS;
        }

        @Override
        public boolean isUserInRole(String role) {
            return ROLE.equals(role) || super.isUserInRole(role);
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }
    }
}
