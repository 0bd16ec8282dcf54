package com.careplace.decision.api;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.decisionlog.DecisionRecord;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementEvaluationException;
import com.careplace.placement.PlacementRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Decides placements and logs them, the one way every door of the service does (the placement API, CDS Hooks):
 * evaluated by a release, timed, and recorded in the decision log before the caller is answered.
 */
@Component
public class PlacementDecisions {

    private final DecisionLog decisionLog;
    private final MeterRegistry meters;
    private final JsonMapper json = JsonMapper.builder().build();
    /** One timer per release and outcome; looked up here rather than re-registered on every request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    PlacementDecisions(DecisionLog decisionLog, MeterRegistry meters) {
        this.decisionLog = decisionLog;
        this.meters = meters;
    }

    /**
     * A decision as its caller receives it.
     *
     * @param id       the decision's id in the decision log
     * @param decision what the rules decided
     * @param json     the placement API's response body for it
     * @param nanos    how long the rules took
     */
    public record Decided(UUID id, PlacementDecision decision, byte[] json, long nanos) {

        @Override
        public String toString() {
            return "Decided[" + id + "]"; // the decision is PHI
        }
    }

    /**
     * Decides {@code request} with {@code release} and records it; only then may the caller be answered.
     *
     * @param requestText the request as the decision log keeps it (the caller's JSON)
     * @throws com.careplace.decision.decisionlog.DecisionLogUnavailableException when it cannot be recorded (answer 503)
     * @throws PlacementEvaluationException when the rules cannot decide it
     */
    public Decided decideAndRecord(LoadedRelease release, PlacementRequest request, String requestText, String caller) {
        Decided decided = decide(release, request);
        decisionLog.record(record(caller, release, requestText, decided));
        return decided;
    }

    /** Decides without recording: for a batch, recorded all at once by {@link #recordAll}. */
    Decided decide(LoadedRelease release, PlacementRequest request) {
        long start = System.nanoTime();
        PlacementDecision decision;
        try {
            decision = release.evaluator().evaluate(request);
        } catch (PlacementEvaluationException e) {
            meters.counter("careplace.decision.failures", "release", release.release().version(),
                    "kind", e.kind().name()).increment();
            throw e;
        }
        long nanos = System.nanoTime() - start;
        String version = release.release().version();
        timers.computeIfAbsent(version + '|' + decision.level().code() + '|' + decision.iop().status(),
                key -> Timer.builder("careplace.decisions").description("Placement decisions by release and outcome")
                        .tag("release", version)
                        .tag("level", decision.level().code())
                        .tag("iop", decision.iop().status().name())
                        .register(meters)).record(nanos, TimeUnit.NANOSECONDS);
        return new Decided(UUID.randomUUID(), decision, json.writeValueAsBytes(PlacementResponse.of(decision, ref(release))), nanos);
    }

    void recordAll(List<DecisionRecord> decisions) {
        decisionLog.recordAll(decisions);
    }

    static DecisionRecord record(String caller, LoadedRelease release, String requestText, Decided decided) {
        return new DecisionRecord(decided.id(), Instant.now(), caller, release.release().id(),
                release.release().version(), requestText, new String(decided.json(), StandardCharsets.UTF_8),
                decided.nanos() / 1000);
    }

    static PlacementResponse.ReleaseRef ref(LoadedRelease release) {
        return new PlacementResponse.ReleaseRef(release.release().id(), release.release().version());
    }
}
