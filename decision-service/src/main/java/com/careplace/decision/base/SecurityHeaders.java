package com.careplace.decision.base;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The browser-facing security headers of the decision service's answers, one place for both ways it runs:
 * standalone, {@link SecurityHeadersConfiguration} writes them; embedded in the workbench, its Spring Security
 * configuration writes the same values on the machine endpoints (and its own policy on the Vaadin pages).
 */
public final class SecurityHeaders {

    /**
     * For JSON answers (decisions, problems, actuator): nothing may load or run from them, nor frame them. A
     * response read as a page (a mistaken content type, a browser opening the URL) can do nothing.
     */
    public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * For Swagger UI: its scripts and styles come from this origin; it sets styles inline and draws icons from
     * data: URLs; it fetches the OpenAPI document and sends "Try it out" requests to this origin only.
     */
    public static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * Full referrers within the origin, none to other sites. Not {@code no-referrer}: under it browsers send
     * {@code Origin: null} with a page's own POSTs (Fetch standard), which origin checks cannot tell from a
     * forged request.
     */
    public static final String REFERRER_POLICY = "same-origin";

    private SecurityHeaders() {
    }

    /** Whether {@code path} (after the context path) is Swagger UI's. */
    public static boolean isDocs(String path) {
        return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
    }

    /** The Content-Security-Policy for a request to the decision service. */
    public static String contentSecurityPolicy(HttpServletRequest request) {
        return isDocs(request.getRequestURI().substring(request.getContextPath().length())) ? DOCS_POLICY : API_POLICY;
    }

    /** Writes all four headers; replaces any earlier value, so each is sent once. */
    public static void write(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(request));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
    }
}
