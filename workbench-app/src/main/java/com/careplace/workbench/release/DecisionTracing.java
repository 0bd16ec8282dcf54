package com.careplace.workbench.release;

import com.careplace.decision.cdshooks.CdsFeedback;
import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseService;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.OfferedCase;
import com.careplace.workbench.authoring.OfferedCases;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.decision.release.ReleaseVersion;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Traces a logged decision back to the rules that made it and the people who wrote and approved them.
 * A change request "shaped" a rule when the rule's text in the release it produced differs from the
 * release before: read from the immutable kjars, not from anyone's memory.
 */
@Service
public class DecisionTracing {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DecisionLog decisionLog;
    private final ReleaseService releases;
    private final ReleaseHistory releaseHistory;
    private final ChangeRequestService changes;
    private final AuditTrail audit;
    private final OfferedCases offeredCases;
    private final CdsFeedback cdsFeedback;

    public DecisionTracing(DecisionLog decisionLog, ReleaseService releases, ReleaseHistory history,
                           ChangeRequestService changes, AuditTrail audit, OfferedCases offeredCases, CdsFeedback cdsFeedback) {
        this.decisionLog = decisionLog;
        this.cdsFeedback = cdsFeedback;
        this.offeredCases = offeredCases;
        this.audit = audit;
        this.releases = releases;
        this.releaseHistory = history;
        this.changes = changes;
    }

    /** The latest logged decisions, newest first: outcome and release only. The read is audited. */
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN') or hasRole('DEPLOYER')) and #by == authentication.name")
    public List<DecisionTrace.LoggedDecision> recent(int limit, String by) {
        audit.record(by, "decision-log.list", "decision log", "latest " + Math.max(1, Math.min(limit, 500)) + " decisions, outcomes only");
        return decisionLog.recent(Math.max(1, Math.min(limit, 500))).stream().map(logged -> new DecisionTrace.LoggedDecision(
                logged.id(), logged.decision().decidedAt(), logged.decision().caller(), logged.decision().releaseVersion(),
                JSON.readTree(logged.decision().decisionJson()).path("level").path("code").asString(""))).toList();
    }

    /**
     * Traces one decision.
     *
     * @throws NoSuchElementException when the decision log has no such id (or it was purged by retention)
     */
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN') or hasRole('DEPLOYER')) and #by == authentication.name")
    public DecisionTrace trace(long decisionId, String by) {
        audit.record(by, "decision-log.trace", "decision " + decisionId, "trace opened");
        record Row(java.time.Instant at, String caller, String version, String json, java.util.UUID uuid) {
        }
        Row row = decisionLog.find(decisionId).map(DecisionLog.LoggedDecision::decision)
                .map(d -> new Row(d.decidedAt(), d.caller(), d.releaseVersion(), d.decisionJson(), d.decisionId()))
                .orElseThrow(() -> new NoSuchElementException("No logged decision " + decisionId
                        + " (it may be older than the decision log keeps)"));
        JsonNode decision = JSON.readTree(row.json());
        List<String> fired = new ArrayList<>();
        decision.path("firedRules").forEach(n -> fired.add(n.asString()));

        // Releases up to the deciding one, oldest first, with their sources read once.
        List<Release> history = releases.releases().stream()
                .filter(r -> !ReleaseVersion.parse(row.version()).isBefore(r.semanticVersion()))
                .sorted(Comparator.comparing(Release::semanticVersion)).toList();
        Map<String, ReleaseSources> sources = new HashMap<>();
        history.forEach(r -> sources.put(r.version(), ReleaseSources.of(releases.kjar(r.version()))));
        Map<String, ReleaseRecord> records = new HashMap<>();
        releaseHistory.records().forEach(r -> records.put(r.version(), r));

        List<DecisionTrace.FiredRule> rules = new ArrayList<>();
        for (String name : fired) {
            Optional<ReleaseSources.RuleSource> source = sources.containsKey(row.version())
                    ? sources.get(row.version()).rule(name) : Optional.empty();
            List<DecisionTrace.Shaping> shapedBy = new ArrayList<>();
            for (int i = 1; i < history.size(); i++) {
                String version = history.get(i).version();
                ReleaseRecord record = records.get(version);
                String before = sources.get(history.get(i - 1).version()).rule(name).map(ReleaseSources.RuleSource::text).orElse(null);
                String after = sources.get(version).rule(name).map(ReleaseSources.RuleSource::text).orElse(null);
                if (record != null && !Objects.equals(before, after)) {
                    ChangeRequest request = changes.changeRequest(record.changeRequestId());
                    shapedBy.add(new DecisionTrace.Shaping(version, request.id(), request.title(), request.author(), record.approvedBy()));
                }
            }
            rules.add(new DecisionTrace.FiredRule(name, source.map(ReleaseSources.RuleSource::path).orElse(""),
                    source.map(ReleaseSources.RuleSource::text).orElse(""), shapedBy));
        }
        List<DecisionTrace.ClinicianFeedback> feedback = row.uuid() == null ? List.of() : cdsFeedback.forDecision(row.uuid()).stream()
                .map(f -> new DecisionTrace.ClinicianFeedback(f.outcome() == CdsFeedback.Outcome.OVERRIDDEN,
                        f.reasonText() != null ? f.reasonText() : f.reason() != null ? f.reason() : "", f.comment() == null ? "" : f.comment(),
                        f.outcomeAt())).toList();
        return new DecisionTrace(decisionId, row.at(), row.caller(), row.version(), decision.path("level").path("code").asString(""),
                decision.path("iop").path("status").asString(""), rules, feedback);
    }

    /**
     * The decision log's id of the decision a CDS Hooks card showed (its uuid), for the card's link to the trace.
     *
     * @throws NoSuchElementException when the log has no such decision (purged, or not yet written)
     */
    @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN') or hasRole('DEPLOYER')")
    public long logId(java.util.UUID decisionId) {
        return decisionLog.findByDecisionId(decisionId).map(DecisionLog.LoggedDecision::id).orElseThrow(() -> new NoSuchElementException(
                "No logged decision " + decisionId + " (it may be older than the decision log keeps, or written in a moment)"));
    }

    /**
     * Offers a logged decision's case to authors as a regression scenario, de-identified by {@link OfferedCases},
     * expecting what the release that decided it decides for the de-identified case.
     *
     * @throws NoSuchElementException   when the decision log has no such id
     * @throws IllegalArgumentException when the name is missing or too long
     */
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN') or hasRole('DEPLOYER')) and #by == authentication.name")
    public OfferedCase offerAsScenario(long decisionId, String name, String note, String by) {
        DecisionLog.LoggedDecision logged = decisionLog.find(decisionId)
                .orElseThrow(() -> new NoSuchElementException("No logged decision " + decisionId + " (it may be older than the decision log keeps)"));
        LoadedRelease deciding = releases.forRequest(logged.decision().releaseVersion());
        PlacementRequest request = PlacementRequestReader.read(JSON.readValue(logged.decision().requestJson(), Object.class),
                deciding.vocabulary());
        return offeredCases.offer(new OfferedCases.Offer(request, deciding.evaluator().evaluate(OfferedCases.deIdentified(request)),
                name, note, "decision trace (release " + logged.decision().releaseVersion() + ")", null, "decision " + decisionId), by);
    }
}
