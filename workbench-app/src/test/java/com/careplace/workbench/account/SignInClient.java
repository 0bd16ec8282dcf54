package com.careplace.workbench.account;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser's worth of plain HTTP against the running workbench: its own cookie jar (so its own
 * session), the sign-in form posted as the sign-in page posts it (with the CSRF token the page carries),
 * redirects not followed so that each answer can be looked at.
 */
final class SignInClient {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]*)\"");

    private final String baseUrl;
    private final HttpClient http;
    private long lastPostNanos;

    SignInClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Opens the sign-in page (a session and its CSRF token) and posts the form; the answer to the post. */
    HttpResponse<String> signIn(String username, String password) {
        return signIn(username, password, Map.of());
    }

    HttpResponse<String> signIn(String username, String password, Map<String, String> headers) {
        Map<String, String> csrf = csrf(get("/login").body());
        Map<String, String> form = new LinkedHashMap<>();
        if (username != null) {
            form.put("username", username);
        }
        if (password != null) {
            form.put("password", password);
        }
        form.put(csrf.get("_csrf_parameter"), csrf.get("_csrf"));
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(post::header);
        long start = System.nanoTime();
        HttpResponse<String> answer = send(post.build());
        lastPostNanos = System.nanoTime() - start;
        return answer;
    }

    /** How long the last sign-in form post took to be answered. */
    long lastPostNanos() {
        return lastPostNanos;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** Where a redirect points, relative to the server, e.g. {@code /login?error}. */
    String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(l -> l.replace(baseUrl, "")).orElse("(no redirect: " + response.statusCode() + ")");
    }

    /** Everything in an answer but its Date header (the second it was sent): status, headers, body. */
    static String answer(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return response.statusCode() + " " + headers + "\n" + response.body();
    }

    private static Map<String, String> csrf(String page) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher meta = META.matcher(page);
        while (meta.find()) {
            found.put(meta.group(1), meta.group(2));
        }
        if (!found.containsKey("_csrf") || !found.containsKey("_csrf_parameter")) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + page);
        }
        return found;
    }

    private static String encode(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
