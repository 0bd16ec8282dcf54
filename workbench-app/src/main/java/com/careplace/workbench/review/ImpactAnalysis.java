package com.careplace.workbench.review;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.ReleaseService;
import com.careplace.placement.InvalidPlacementRequestException;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequest;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.scenario.Scenario;
import com.careplace.scenario.ScenarioFormatException;
import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import com.careplace.placement.vocabulary.InvalidVocabularyException;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleSandbox;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * "What does this do to real patients?": decides every scenario of the change request and the most
 * recent logged decisions (replayed from the log, not re-requested) with both the deployed release
 * and the change request's rules (those in the {@link RuleSandbox}), and lists every case whose outcome differs. The result holds
 * patient data from the log: it is for the reviewer's screen, never for log files.
 */
@Service
public class ImpactAnalysis {

    private final ChangeRequestService changes;
    private final RuleSandbox sandbox;
    private final ReleaseService releases;
    private final DecisionLog decisionLog;
    private final AuditTrail audit;
    private final JsonMapper json = JsonMapper.builder().build();

    public ImpactAnalysis(ChangeRequestService changes, RuleSandbox sandbox, ReleaseService releases, DecisionLog decisionLog,
                          AuditTrail audit) {
        this.changes = changes;
        this.audit = audit;
        this.sandbox = sandbox;
        this.releases = releases;
        this.decisionLog = decisionLog;
    }

    /**
     * Replays the change request's scenarios and the latest logged decisions. Logged decisions are patient
     * data: only reviewers replay them, and each replay is recorded in the audit trail.
     *
     * @param recentDecisions how many of the latest logged decisions to replay
     * @throws IllegalStateException when the change request's rules do not compile
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    public Impact analyse(String changeRequestId, int recentDecisions, String by) {
        List<RuleAsset> assets = changes.ruleAssets(changeRequestId);
        Vocabulary proposedVocabulary;
        try {
            proposedVocabulary = RuleAsset.vocabulary(assets);
        } catch (InvalidVocabularyException e) {
            throw new IllegalStateException("The change request's vocabulary does not read: " + e.getMessage(), e);
        }
        LoadedRelease deployed = releases.forRequest(null);
        List<String> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<PlacementRequest> requests = new ArrayList<>();
        int scenarios = 0;
        for (RuleAsset asset : assets) {
            if (asset.kind() != RuleAsset.Kind.SCENARIO_SUITE) {
                continue;
            }
            ScenarioSuite suite;
            try {
                suite = ScenarioSuiteReader.read(asset.name(), asset.text(), proposedVocabulary);
            } catch (ScenarioFormatException e) {
                continue; // an unreadable suite is reported by the change request's checks
            }
            for (Scenario scenario : suite.scenarios()) {
                scenarios++;
                sources.add("scenario");
                labels.add(suite.name() + " › " + scenario.name());
                requests.add(scenario.given());
            }
        }
        int decisions = 0;
        for (DecisionLog.LoggedDecision logged : decisionLog.recent(recentDecisions)) {
            PlacementRequest request;
            try {
                // As the release that answered read it; the proposed rules see the same facts
                request = PlacementRequestReader.read(json.readValue(logged.decision().requestJson(), Object.class),
                        deployed.vocabulary());
            } catch (JacksonException | InvalidPlacementRequestException e) {
                continue; // only valid requests are logged; a row that no longer reads is skipped, not guessed
            }
            decisions++;
            sources.add("decision log");
            labels.add("decision " + logged.id() + " of " + logged.decision().decidedAt());
            requests.add(request);
        }
        audit.record(by, "decision-log.read", changeRequestId, "impact replay of " + decisions + " logged decisions");
        // The change request's rules run in the sandbox; the deployed release (approved, loaded) runs here.
        List<RuleSandbox.Decided> proposed = sandbox.decide(assets, requests);
        List<Impact.ChangedCase> changed = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            compare(sources.get(i), labels.get(i), outcome(deployed.evaluator(), requests.get(i)), proposed.get(i))
                    .ifPresent(changed::add);
        }
        return new Impact(deployed.release().version(), scenarios, decisions, changed);
    }

    private static Outcome outcome(PlacementEvaluator evaluator, PlacementRequest request) {
        try {
            return Outcome.of(evaluator.evaluate(request));
        } catch (RuntimeException e) {
            // e.g. a scenario giving a level only the change request's vocabulary has: the deployed rules cannot say
            return Outcome.notDecided(e.getMessage());
        }
    }

    private static java.util.Optional<Impact.ChangedCase> compare(String source, String label, Outcome was,
                                                                 RuleSandbox.Decided proposed) {
        // A case the change request's rules cannot decide (a logged request naming a value it removes) is shown, not dropped
        Outcome becomes = proposed.decision() == null ? Outcome.notDecided(proposed.error()) : Outcome.of(proposed.decision());
        return was.equals(becomes) ? java.util.Optional.empty()
                : java.util.Optional.of(new Impact.ChangedCase(source, label, was, becomes));
    }
}
