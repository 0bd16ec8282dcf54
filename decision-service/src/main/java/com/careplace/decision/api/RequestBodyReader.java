package com.careplace.decision.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body with a size bound and parses it into a plain JSON tree for
 * {@code PlacementRequestReader}: strict JSON (no duplicate keys, nothing after the value).
 */
@Component
public class RequestBodyReader {

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * A parsed body with its raw text (what the decision log keeps).
     *
     * @param text the body as sent
     * @param tree the parsed JSON
     */
    public record Body(String text, Object tree) {
    }

    /**
     * Reads and parses the body of {@code request}.
     *
     * @throws IOException when the body cannot be read; refusals (too large, not JSON) are answered as problems
     *                     for {@link DecisionApi} controllers
     */
    public Body read(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new MalformedBodyException("The request body is empty; send a JSON placement request.");
        }
        try {
            return new Body(text, json.readValue(bytes, Object.class));
        } catch (JacksonException e) {
            throw new MalformedBodyException("The request body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
    }

    /** The body is not JSON. */
    static class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message);
        }
    }

    /** The body is larger than allowed. */
    static class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(int maxBytes) {
            super("The request body is larger than the limit of " + maxBytes + " bytes.");
        }
    }
}
