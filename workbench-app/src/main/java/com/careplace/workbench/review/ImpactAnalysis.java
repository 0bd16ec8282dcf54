package com.careplace.workbench.review;

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
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.CompileResult;
import com.careplace.workbench.authoring.CompiledRules;
import com.careplace.workbench.authoring.RuleAsset;
import com.careplace.workbench.authoring.RuleCompiler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "What does this do to real patients?": decides every scenario of the change request and the most
 * recent logged decisions (replayed from the log, not re-requested) with both the deployed release
 * and the change request's rules, and lists every case whose outcome differs. The result holds
 * patient data from the log: it is for the reviewer's screen, never for log files.
 */
@Service
public class ImpactAnalysis {

    private final ChangeRequestService changes;
    private final RuleCompiler compiler;
    private final ReleaseService releases;
    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public ImpactAnalysis(ChangeRequestService changes, RuleCompiler compiler, ReleaseService releases, JdbcTemplate jdbc) {
        this.changes = changes;
        this.compiler = compiler;
        this.releases = releases;
        this.jdbc = jdbc;
    }

    /**
     * @param recentDecisions how many of the latest logged decisions to replay
     * @throws IllegalStateException when the change request's rules do not compile
     */
    @PreAuthorize("hasRole('REVIEWER') or hasRole('AUTHOR')")
    public Impact analyse(String changeRequestId, int recentDecisions) {
        List<RuleAsset> assets = changes.ruleAssets(changeRequestId);
        CompileResult compiled = compiler.compile(assets);
        if (compiled.rules().isEmpty()) {
            throw new IllegalStateException("The change request does not compile: " + compiled.problems().getFirst().where());
        }
        LoadedRelease deployed = releases.forRequest(null);
        List<Impact.ChangedCase> changed = new ArrayList<>();
        int scenarios = 0;
        try (CompiledRules proposed = compiled.rules().get()) {
            for (RuleAsset asset : assets) {
                if (asset.kind() != RuleAsset.Kind.SCENARIO_SUITE) {
                    continue;
                }
                ScenarioSuite suite;
                try {
                    suite = ScenarioSuiteReader.read(asset.name(), asset.text());
                } catch (ScenarioFormatException e) {
                    continue; // an unreadable suite is reported by the change request's checks
                }
                for (Scenario scenario : suite.scenarios()) {
                    scenarios++;
                    compare("scenario", suite.name() + " › " + scenario.name(), scenario.given(), deployed.evaluator(),
                            proposed.evaluator()).ifPresent(changed::add);
                }
            }
            int decisions = 0;
            for (Map<String, Object> row : jdbc.queryForList(
                    "select id, decided_at, request_json from decision_log order by id desc limit ?", recentDecisions)) {
                PlacementRequest request;
                try {
                    request = PlacementRequestReader.read(json.readValue((String) row.get("request_json"), Object.class));
                } catch (JacksonException | InvalidPlacementRequestException e) {
                    continue; // only valid requests are logged; a row that no longer reads is skipped, not guessed
                }
                decisions++;
                compare("decision log", "decision " + row.get("id") + " of " + row.get("decided_at"), request,
                        deployed.evaluator(), proposed.evaluator()).ifPresent(changed::add);
            }
            return new Impact(deployed.release().version(), scenarios, decisions, changed);
        }
    }

    private static java.util.Optional<Impact.ChangedCase> compare(String source, String label, PlacementRequest request,
                                                                 PlacementEvaluator before, PlacementEvaluator after) {
        Outcome was = Outcome.of(before.evaluate(request));
        Outcome becomes = Outcome.of(after.evaluate(request));
        return was.equals(becomes) ? java.util.Optional.empty()
                : java.util.Optional.of(new Impact.ChangedCase(source, label, was, becomes));
    }
}
