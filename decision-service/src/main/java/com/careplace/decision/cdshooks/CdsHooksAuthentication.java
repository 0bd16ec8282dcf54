package com.careplace.decision.cdshooks;

import com.careplace.decision.apikey.ApiKeyFilter;
import com.careplace.decision.apikey.ApiKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authenticates CDS Hooks calls as the specification describes: the EHR's JWT bearer token, from an issuer on the
 * allow-list, signed by a key of that issuer's configured JWK set (the token's own {@code jku} is not followed), for
 * this service as audience, not expired; or, for systems without JWT, an API key as the placement API takes it.
 * Discovery ({@code GET /cds-services}) is open: it lists what the services are, nothing of any patient.
 */
final class CdsHooksAuthentication extends OncePerRequestFilter {

    static final String ROOT = "/cds-services";
    private static final String PREFIX = "Bearer ";
    /** What EHRs sign with in practice (CDS Hooks names ES384 and RS384). */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final CdsHooksProperties properties;
    private final ApiKeys keys;
    private final Map<String, CdsHooksProperties.Issuer> issuers;
    /** One cached, rate-limited JWK set per issuer (nimbus refreshes it on an unknown key id). */
    private final Map<String, JWKSource<SecurityContext>> jwkSets = new ConcurrentHashMap<>();

    /** CDS Hooks: a token lives at most 5 minutes; each jti is accepted once while its token lives. */
    private static final java.time.Duration LONGEST_LIFE = java.time.Duration.ofMinutes(5).plusSeconds(60);
    private final Map<String, java.time.Instant> seen = new ConcurrentHashMap<>();

    CdsHooksAuthentication(CdsHooksProperties properties, ApiKeys keys) {
        if (!properties.issuers().isEmpty() && (properties.publicUrl() == null || properties.publicUrl().isBlank())) {
            // The audience a token must name is this service's URL as EHRs know it; taken from the request, a forged Host
            // header would make a token minted for any other service acceptable here.
            throw new IllegalStateException("careplace.cds-hooks.public-url must be set (the /cds-services URL EHRs call) when "
                    + "careplace.cds-hooks.issuers are configured");
        }
        this.properties = properties;
        this.keys = keys;
        this.issuers = properties.issuers().stream().collect(Collectors.toMap(CdsHooksProperties.Issuer::issuer, Function.identity()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("GET".equals(request.getMethod()) && path.equals(ROOT)) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            reject(response, "Send the EHR's JWT, or an API key, as 'Authorization: Bearer <token>'.");
            return;
        }
        String token = header.substring(PREFIX.length()).strip();
        Optional<String> caller;
        try {
            caller = token.chars().filter(c -> c == '.').count() == 2 ? fromJwt(token, audiences(path), response)
                    : keys.authenticate(token);
        } catch (DataAccessException e) {
            ApiKeyFilter.unavailable(response, 1, "The API key cannot be checked just now; retry shortly.");
            return;
        }
        if (response.isCommitted()) {
            return;
        }
        if (caller.isEmpty()) {
            reject(response, "The API key is unknown or revoked.");
            return;
        }
        request.setAttribute(ApiKeyFilter.CALLER, caller.get());
        chain.doFilter(request, response);
    }

    /** The URLs a token may name as audience: discovery's and the called service's (and its feedback's), as configured. */
    private Set<String> audiences(String path) {
        String root = properties.publicUrl() == null ? "" : properties.publicUrl().replaceAll("/+$", "");
        Set<String> accepted = new LinkedHashSet<>();
        accepted.add(root);
        String rest = path.substring(ROOT.length());
        accepted.add(root + rest);
        if (rest.endsWith("/feedback")) {
            accepted.add(root + rest.substring(0, rest.length() - "/feedback".length()));
        }
        return accepted;
    }

    /** The caller the JWT proves, or a 401 written (empty result, response committed). */
    private Optional<String> fromJwt(String token, Set<String> audiences, HttpServletResponse response) throws IOException {
        SignedJWT jwt;
        String issuer;
        try {
            jwt = SignedJWT.parse(token);
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            reject(response, "The bearer token is not a signed JWT.");
            return Optional.empty();
        }
        CdsHooksProperties.Issuer allowed = issuer == null ? null : issuers.get(issuer);
        if (allowed == null) {
            reject(response, "The JWT's issuer is not one this service accepts.");
            return Optional.empty();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, jwkSet(allowed)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audiences, new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("iss", "aud", "exp", "jti"), null));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (com.nimbusds.jose.KeySourceException e) {
            // The EHR's keys cannot be fetched: nothing is wrong with the token as far as anyone can tell; retry
            ApiKeyFilter.unavailable(response, 5, "The EHR's public keys cannot be fetched just now; retry shortly.");
            return Optional.empty();
        } catch (com.nimbusds.jose.proc.BadJOSEException | com.nimbusds.jose.JOSEException e) {
            // Which check failed (signature, audience, expiry) is said; the token itself never is.
            reject(response, "The JWT is not accepted: " + e.getMessage() + ".");
            return Optional.empty();
        }
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant expires = claims.getExpirationTime().toInstant();
        if (expires.isAfter(now.plus(LONGEST_LIFE))) {
            reject(response, "The JWT lives too long: CDS Hooks tokens expire within 5 minutes.");
            return Optional.empty();
        }
        seen.values().removeIf(until -> until.isBefore(now.minusSeconds(60)));
        if (seen.putIfAbsent(issuer + " " + claims.getJWTID(), expires) != null) {
            reject(response, "The JWT was used before (its jti): send a new token with each call.");
            return Optional.empty();
        }
        return Optional.of(("cds-hooks " + allowed.name()).substring(0, Math.min(128, ("cds-hooks " + allowed.name()).length())));
    }

    private JWKSource<SecurityContext> jwkSet(CdsHooksProperties.Issuer issuer) {
        return jwkSets.computeIfAbsent(issuer.issuer(), i -> {
            try {
                return JWKSourceBuilder.create(issuer.jwksUrl().toURL()).retrying(true).build();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("careplace.cds-hooks issuer " + issuer.name() + ": jwks-url is not a URL", e);
            }
        });
    }

    private static void reject(HttpServletResponse response, String detail) throws IOException {
        ApiKeyFilter.unauthorized(response, "careplace-cds-hooks", detail);
    }

}
