package com.careplace.decision.api;

import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.apikey.ApiKeyFilter;
import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.decisionlog.DecisionRecord;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.FieldError;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementEvaluationException;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The placement API of the spec's "Output: the decision" section. */
@RestController
@DecisionApi
@RequestMapping(path = "/api/v1/decisions/placement", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = "apiKey")
class PlacementController {

    private final ReleaseService releases;
    private final PlacementDecisions decisions;
    private final RequestBodyReader bodies;
    private final DecisionProperties properties;
    private final JsonMapper json = JsonMapper.builder().build();

    PlacementController(ReleaseService releases, PlacementDecisions decisions, RequestBodyReader bodies, DecisionProperties properties) {
        this.releases = releases;
        this.decisions = decisions;
        this.bodies = bodies;
        this.properties = properties;
    }

    @Operation(summary = "Decide the level of care for one patient",
            description = "Evaluates a placement request against the active release (or the pinned one) and returns the "
                    + "recommended level, its driving dimensions, IOP eligibility with reasons, payer requirements and the "
                    + "rules that fired. Invalid input gets 400 application/problem+json with an `errors` array naming "
                    + "every offending field.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = PlacementRequestSchema.class))))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlacementResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid request: every offending field named",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "401", description = "No API key, or an unknown or revoked one",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "The pinned release is not held by this service",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Body larger than the limit", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "The decision could not be recorded in the decision log, so it is "
            + "not given; retry after the Retry-After seconds", content = @Content(mediaType = "application/problem+json"))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> decide(HttpServletRequest http,
                                  @Parameter(description = "Pin a release version still held by the service, e.g. 1.0.0, "
                                          + "to replay a past decision; the active release when omitted")
                                  @RequestParam(name = "release", required = false) String release) throws IOException {
        RequestBodyReader.Body body = bodies.read(http, properties.maxBodyBytes());
        LoadedRelease decider = releases.forRequest(release);
        // Validated against the vocabulary and request schema of the release that answers
        PlacementRequest request = PlacementRequestReader.read(body.tree(), decider.vocabulary());
        // Recorded before answering: a decision that cannot be logged is not given (503).
        byte[] response = decisions.decideAndRecord(decider, request, body.text(), String.valueOf(http.getAttribute(ApiKeyFilter.CALLER))).json();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(response);
    }

    @Operation(summary = "Decide up to 1,000 placements in one call",
            description = "The body is a JSON array of placement requests. Answers come in the same order, each either "
                    + "`{\"status\": 200, \"decision\": {...}}` or `{\"status\": 400, \"errors\": [...]}`; one invalid "
                    + "request does not fail the others. All are decided by the same release.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(array = @ArraySchema(schema = @Schema(implementation = PlacementRequestSchema.class),
                            maxItems = 1000))))
    @ApiResponse(responseCode = "503", description = "The decisions could not be recorded in the decision log, so none "
            + "is given; retry after the Retry-After seconds", content = @Content(mediaType = "application/problem+json"))
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> decideBatch(HttpServletRequest http,
                                       @Parameter(description = "Pin a release version, as for a single decision")
                                       @RequestParam(name = "release", required = false) String release)
            throws IOException {
        RequestBodyReader.Body body = bodies.read(http, properties.maxBatchBodyBytes());
        if (!(body.tree() instanceof List<?> items)) {
            throw new InvalidPlacementRequestException(List.of(new FieldError("$",
                    "a batch must be a JSON array of placement requests")));
        }
        if (items.isEmpty() || items.size() > properties.maxBatchSize()) {
            throw new InvalidPlacementRequestException(List.of(new FieldError("$",
                    "a batch holds 1 to " + properties.maxBatchSize() + " requests, got " + items.size())));
        }
        LoadedRelease decider = releases.forRequest(release);
        String caller = String.valueOf(http.getAttribute(ApiKeyFilter.CALLER));
        List<DecisionRecord> logged = new ArrayList<>(items.size());
        // Written by hand so that each decision's bytes are the very bytes the decision log keeps.
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 1200);
        out.writeBytes(("{\"release\":" + json.writeValueAsString(PlacementDecisions.ref(decider)) + ",\"results\":[")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object item = items.get(i);
            try {
                PlacementRequest request = PlacementRequestReader.read(item, decider.vocabulary());
                PlacementDecisions.Decided decided = decisions.decide(decider, request);
                out.writeBytes("{\"status\":200,\"decision\":".getBytes(StandardCharsets.UTF_8));
                out.writeBytes(decided.json());
                out.write('}');
                logged.add(PlacementDecisions.record(caller, decider, json.writeValueAsString(item), decided));
            } catch (InvalidPlacementRequestException e) {
                out.writeBytes(json.writeValueAsBytes(Map.of("status", 400, "errors", e.errors())));
            }
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        decisions.recordAll(logged); // before answering: a decision that cannot be logged is not given (503)
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    }
}
