package com.careplace.workbench.review;

import com.careplace.decision.cdshooks.CdsFeedback;
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
import com.careplace.workbench.authoring.OfferedCase;
import com.careplace.workbench.authoring.OfferedCases;
import com.careplace.placement.PlacementDecision;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleNames;
import com.careplace.workbench.rules.RuleSandbox;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;

/**
 * "What does this do to real patients?": decides every scenario of the change request and the most
 * recent logged decisions (replayed from the log, not re-requested) with the change request's rules, the
 * mainline it is based on (both in the {@link RuleSandbox}) and the deployed release, and lists every case
 * whose outcome differs: what this change does, and apart from it what deploying the result would change. The result holds
 * patient data from the log: it is for the reviewer's screen, never for log files.
 */
@Service
public class ImpactAnalysis {

    private final ChangeRequestService changes;
    private final RuleSandbox sandbox;
    private final ReleaseService releases;
    private final DecisionLog decisionLog;
    private final AuditTrail audit;
    private final OfferedCases offeredCases;
    private final CdsFeedback cdsFeedback;
    private final JsonMapper json = JsonMapper.builder().build();
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    /** The feedback window the review counts overrides over, as the caller-compatibility check counts use. */
    public static final java.time.Duration OVERRIDE_WINDOW = java.time.Duration.ofDays(90);
    private static final int MOST_OVERRIDES_SHOWN = 15;
    private static final int MOST_FIRING_CHANGES_SHOWN = 10;

    public ImpactAnalysis(ChangeRequestService changes, RuleSandbox sandbox, ReleaseService releases, DecisionLog decisionLog,
                          AuditTrail audit, OfferedCases offeredCases, CdsFeedback cdsFeedback) {
        this.cdsFeedback = cdsFeedback;
        this.changes = changes;
        this.offeredCases = offeredCases;
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
        Vocabulary proposedVocabulary = vocabularyOf(assets);
        LoadedRelease deployed = releases.forRequest(null);
        List<String> labels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<PlacementRequest> requests = new ArrayList<>();
        List<Long> loggedIds = new ArrayList<>();
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
                loggedIds.add(null);
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
            loggedIds.add(logged.id());
        }
        audit.record(by, "decision-log.read", changeRequestId, "impact replay of " + decisions + " logged decisions");
        return compare(assets, proposedVocabulary, deployed, new Cases(sources, labels, requests, loggedIds), scenarios, decisions);
    }

    /** How a replay is going, for a progress bar; and whether the reviewer has cancelled it. */
    public interface ReplayProgress {

        /** {@code done} of {@code total} decisions replayed so far. */
        void replayed(long done, long total);

        /** Checked between pages: true stops the replay where it is. */
        boolean cancelled();
    }

    /**
     * A replay of the decision log over a window.
     *
     * @param impact     what the replayed decisions show; its changed cases are the first {@link #REPLAY_CASES_KEPT} of each
     *                   comparison (the pictures count them all)
     * @param inWindow   decisions the log holds in the window
     * @param replayed   of those, replayed (fewer when cancelled; unreadable rows are skipped)
     * @param changed    outcomes that change against the deployed release, all of them
     * @param ownChanged outcomes that change against mainline, all of them
     * @param cancelled  whether the reviewer stopped it
     * @param took       how long it ran
     */
    public record Replay(Impact impact, long inWindow, long replayed, int changed, int ownChanged, boolean cancelled, java.time.Duration took) {
    }

    /** Changed cases a replay keeps to list (and to download); the pictures count every case. */
    public static final int REPLAY_CASES_KEPT = 1_000;
    /** Decisions per page: each page is one sandbox job (the change's rules compiled once for all of them) with its own bound. */
    static final int REPLAY_PAGE = 2_000;

    /**
     * Replays every decision the log holds from {@code window} ago until now through the deployed release, the mainline
     * and the change request's rules: read from the database in pages, the deployed release deciding on all cores, only
     * counts and the first changed cases kept. Progress is reported after each page; a cancel stops after the page.
     *
     * @throws IllegalStateException when the change request's rules do not compile
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    public Replay replay(String changeRequestId, java.time.Duration window, ReplayProgress progress, String by) {
        long start = System.nanoTime();
        List<RuleAsset> assets = changes.ruleAssets(changeRequestId);
        Vocabulary proposedVocabulary = vocabularyOf(assets);
        LoadedRelease deployed = releases.forRequest(null);
        List<RuleAsset> mainline = mainline();
        java.time.Instant to = clock.instant();
        java.time.Instant from = to.minus(window);
        long total = decisionLog.countBetween(from, to);
        audit.record(by, "decision-log.read", changeRequestId, "impact replay of the decision log, last " + window.toDays() + " days ("
                + total + " decisions)");
        Tally tally = new Tally(REPLAY_CASES_KEPT);
        List<String> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<PlacementRequest> requests = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        long[] replayed = {0};
        long[] read = {0};
        Runnable page = () -> {
            if (!requests.isEmpty()) {
                tally.add(assets, mainline, deployed, new Cases(List.copyOf(sources), List.copyOf(labels), List.copyOf(requests), List.copyOf(ids)));
                replayed[0] += requests.size();
                sources.clear();
                labels.clear();
                requests.clear();
                ids.clear();
            }
            progress.replayed(read[0], total);
        };
        boolean[] cancelled = {false};
        decisionLog.forEachBetween(from, to, logged -> {
            read[0]++;
            try {
                requests.add(PlacementRequestReader.read(json.readValue(logged.decision().requestJson(), Object.class), deployed.vocabulary()));
                sources.add("decision log");
                labels.add("decision " + logged.id() + " of " + logged.decision().decidedAt());
                ids.add(logged.id());
            } catch (JacksonException | InvalidPlacementRequestException e) {
                // only valid requests are logged; a row that no longer reads is skipped, not guessed
            }
            if (requests.size() == REPLAY_PAGE) {
                page.run();
                cancelled[0] = progress.cancelled();
                return !cancelled[0];
            }
            return true;
        });
        if (!cancelled[0]) {
            page.run();
        }
        Impact impact = tally.impact(assets, mainline, proposedVocabulary, deployed, 0, (int) Math.min(Integer.MAX_VALUE, replayed[0]));
        return new Replay(impact, total, replayed[0], tally.changedCount(), tally.ownCount(), cancelled[0],
                java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * A what-if batch: the cases someone brought (a payer's expected population before its contract starts, when
     * there is no log yet) decided by the change request's rules, the mainline it is based on and the deployed release.
     *
     * @param batch the cases that read, as {@link WhatIfBatch} read them
     * @throws IllegalStateException when the change request's rules do not compile
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    public Impact whatIf(String changeRequestId, WhatIfBatch batch, String by) {
        List<PlacementRequest> cases = batch.cases();
        List<RuleAsset> assets = changes.ruleAssets(changeRequestId);
        Vocabulary proposedVocabulary = vocabularyOf(assets);
        List<String> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> loggedIds = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            sources.add("what-if");
            labels.add("line " + batch.lines().get(i)); // named by where it stands in what was brought
            loggedIds.add(null);
        }
        audit.record(by, "impact.what-if", changeRequestId, "what-if batch of " + cases.size() + " cases");
        return compare(assets, proposedVocabulary, releases.forRequest(null), new Cases(sources, labels, List.copyOf(cases), loggedIds), 0, 0);
    }

    private static Vocabulary vocabularyOf(List<RuleAsset> assets) {
        try {
            return RuleAsset.vocabulary(assets);
        } catch (InvalidVocabularyException e) {
            throw new IllegalStateException("The change request's vocabulary does not read: " + e.getMessage(), e);
        }
    }

    /** The cases of one comparison, index by index; a logged decision's id where the case came from the log. */
    private record Cases(List<String> sources, List<String> labels, List<PlacementRequest> requests, List<Long> loggedIds) {
    }

    private Impact compare(List<RuleAsset> assets, Vocabulary proposedVocabulary, LoadedRelease deployed, Cases cases, int scenarios,
                           int decisions) {
        List<RuleAsset> mainline = mainline();
        Tally tally = new Tally(Integer.MAX_VALUE);
        tally.add(assets, mainline, deployed, cases);
        return tally.impact(assets, mainline, proposedVocabulary, deployed, scenarios, decisions);
    }

    private List<RuleAsset> mainline() {
        return changes.mainline().stream().map(a -> new RuleAsset(a.path(), a.text())).toList();
    }

    /**
     * What comparing cases adds up to, chunk by chunk: a replay of the whole log adds page after page and keeps only the
     * counts and the first changed cases, never every decision.
     */
    private final class Tally {

        private final int casesKept;
        private final List<Impact.ChangedCase> changed = new ArrayList<>();
        private final List<Impact.ChangedCase> own = new ArrayList<>();
        private int changedCount;
        private int ownCount;
        private final List<String> levelsBefore = new ArrayList<>();
        private final List<String> levelsAfter = new ArrayList<>();
        private final List<String> iopBefore = new ArrayList<>();
        private final List<String> iopAfter = new ArrayList<>();
        private final java.util.Map<String, int[]> warnings = new java.util.TreeMap<>();
        private final java.util.Map<String, int[]> firings = new java.util.TreeMap<>();
        private final Set<String> fired = new HashSet<>();

        Tally(int casesKept) {
            this.casesKept = casesKept;
        }

        void add(List<RuleAsset> assets, List<RuleAsset> mainline, LoadedRelease deployed, Cases cases) {
            List<PlacementRequest> requests = cases.requests();
            // The change request's rules run in the sandbox, and so does mainline (what this change does is measured against
            // the mainline it is based on: approved, maybe not yet deployed); the deployed release runs here, on all cores.
            List<RuleSandbox.Decided> proposed = sandbox.decide(assets, requests);
            List<RuleSandbox.Decided> onMainline = sandbox.decide(mainline, requests);
            List<RuleSandbox.Decided> onDeployed = requests.parallelStream().map(r -> decide(deployed.evaluator(), r)).toList();
            for (int i = 0; i < requests.size(); i++) {
                Outcome was = outcome(onDeployed.get(i));
                Outcome becomes = outcome(proposed.get(i));
                Long logged = cases.loggedIds().get(i);
                Impact.Offerable offer = logged == null ? null : new Impact.Offerable(requests.get(i), logged);
                int at = i;
                compare(cases.sources().get(i), cases.labels().get(i), was, proposed.get(i), offer).ifPresent(c -> {
                    changedCount++;
                    if (changed.size() < casesKept) {
                        changed.add(c);
                    }
                });
                compare(cases.sources().get(i), cases.labels().get(i), outcome(onMainline.get(at)), proposed.get(i), offer).ifPresent(c -> {
                    ownCount++;
                    if (own.size() < casesKept) {
                        own.add(c);
                    }
                });
                levelsBefore.add(was.level());
                levelsAfter.add(becomes.level());
                iopBefore.add(Impact.Transitions.iopStatus(was));
                iopAfter.add(Impact.Transitions.iopStatus(becomes));
                Impact.countWarnings(warnings, was, becomes);
                List<String> firedBefore = onDeployed.get(i).decision() == null ? List.of() : onDeployed.get(i).decision().firedRules();
                List<String> firedAfter = proposed.get(i).decision() == null ? List.of() : proposed.get(i).decision().firedRules();
                Impact.countFirings(firings, firedBefore, firedAfter);
                fired.addAll(firedAfter);
            }
        }

        int changedCount() {
            return changedCount;
        }

        int ownCount() {
            return ownCount;
        }

        Impact impact(List<RuleAsset> assets, List<RuleAsset> mainline, Vocabulary proposedVocabulary, LoadedRelease deployed,
                      int scenarios, int decisions) {
            Set<String> newRules = new TreeSet<>(RuleNames.of(assets));
            newRules.removeAll(RuleNames.of(mainline));
            List<String> unexercised = newRules.stream().filter(rule -> !fired.contains(rule)).toList();
            // Levels in order of intensity: the change's own, then any only the deployed release still has
            List<String> levels = new ArrayList<>(proposedVocabulary.levelsOfCare().stream().map(l -> l.code()).toList());
            deployed.vocabulary().levelsOfCare().stream().map(l -> l.code()).filter(code -> !levels.contains(code)).forEach(levels::add);
            // Where clinicians override the rules (CDS Hooks feedback), the rules this change touches first
            Set<String> touched = RuleNames.changed(mainline, assets);
            List<Impact.ClinicianOverrides> overrides = cdsFeedback.byRule(clock.instant().minus(OVERRIDE_WINDOW)).stream()
                    .map(r -> new Impact.ClinicianOverrides(r.rule(), touched.contains(r.rule()), r.withFeedback(), r.overridden(),
                            r.reasons().keySet().stream().findFirst().orElse("")))
                    .sorted(java.util.Comparator.comparing((Impact.ClinicianOverrides o) -> !o.changedHere())).limit(MOST_OVERRIDES_SHOWN).toList();
            return new Impact(deployed.release().version(), scenarios, decisions, changed, own, unexercised,
                    Impact.Transitions.counted(levels, levelsBefore, levelsAfter), Impact.Transitions.counted(Impact.Transitions.IOP_STATUSES,
                    iopBefore, iopAfter), Impact.warningChanges(warnings), Impact.firingChanges(firings, MOST_FIRING_CHANGES_SHOWN), overrides);
        }
    }

    private static RuleSandbox.Decided decide(PlacementEvaluator evaluator, PlacementRequest request) {
        try {
            return new RuleSandbox.Decided(evaluator.evaluate(request), null);
        } catch (RuntimeException e) {
            // e.g. a scenario giving a level only the change request's vocabulary has: the deployed rules cannot say
            return new RuleSandbox.Decided(null, e.getMessage());
        }
    }

    private static Outcome outcome(RuleSandbox.Decided decided) {
        return decided.decision() == null ? Outcome.notDecided(decided.error()) : Outcome.of(decided.decision());
    }

    private static java.util.Optional<Impact.ChangedCase> compare(String source, String label, Outcome was,
                                                                 RuleSandbox.Decided proposed, Impact.Offerable offer) {
        // A case the change request's rules cannot decide (a logged request naming a value it removes) is shown, not dropped
        Outcome becomes = outcome(proposed);
        return was.equals(becomes) ? java.util.Optional.empty()
                : java.util.Optional.of(new Impact.ChangedCase(source, label, was, becomes, offer));
    }

    /** What a case offered from the impact should expect. */
    public enum Expectation {
        /** What the deployed release decides: the change must not alter this case. */
        DEPLOYED,
        /** What the change request's rules decide: the change is meant to alter it so. */
        PROPOSED,
        /** Nothing yet: the author decides what is right. */
        AUTHOR_DECIDES
    }

    /**
     * Offers a logged case of the impact to the change request's author as a regression scenario, de-identified,
     * expecting what the chosen side decides for the de-identified case (decided anew: an age over 89 reads as 90).
     *
     * @throws IllegalArgumentException when the name is missing or too long
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    public OfferedCase offer(String changeRequestId, Impact.Offerable logged, String name, String note, Expectation expectation,
                             String by) {
        PlacementRequest given = OfferedCases.deIdentified(logged.given());
        RuleSandbox.Decided decided = switch (expectation) {
            case DEPLOYED -> decide(releases.forRequest(null).evaluator(), given);
            case PROPOSED -> sandbox.decide(changes.ruleAssets(changeRequestId), List.of(given)).getFirst();
            case AUTHOR_DECIDES -> null;
        };
        if (decided != null && decided.decision() == null) {
            throw new IllegalArgumentException("Those rules cannot decide this case (" + decided.error()
                    + "): offer it with nothing to expect, and the author decides");
        }
        PlacementDecision expected = decided == null ? null : decided.decision();
        return offeredCases.offer(new OfferedCases.Offer(given, expected, name, note,
                "review of '" + changes.changeRequest(changeRequestId).title() + "'", changeRequestId, "decision " + logged.decisionId()), by);
    }

    /**
     * A cell a spreadsheet will not run: scenario names are authors' text, and Excel takes a cell starting with
     * {@code = + - @} (or a tab or carriage return) as a formula (OWASP "CSV injection"); such a cell gets a leading quote.
     */
    static String inert(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /**
     * The changed cases of an impact as CSV (RFC 4180, for Excel): each comparison, case, and the outcome
     * before and after, part by part. Outcomes and case labels only, never a request; the download is audited.
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    public byte[] changedCasesCsv(String changeRequestId, Impact impact, String by) {
        StringBuilder out = new StringBuilder();
        try (org.apache.commons.csv.CSVPrinter csv = new org.apache.commons.csv.CSVPrinter(out, org.apache.commons.csv.CSVFormat.RFC4180)) {
            csv.printRecord("comparison", "from", "case", "level before", "level after", "IOP before", "IOP after", "IOP reasons before",
                    "IOP reasons after", "payer requirements before", "payer requirements after", "payer warnings before", "payer warnings after");
            for (var part : List.of(java.util.Map.entry("this change against mainline", impact.ownChanges()),
                    java.util.Map.entry("deploying the result against release " + impact.deployedVersion(), impact.changes()))) {
                for (Impact.ChangedCase changed : part.getValue()) {
                    Outcome before = changed.before();
                    Outcome after = changed.after();
                    csv.printRecord(java.util.stream.Stream.of(part.getKey(), changed.source(), changed.label(), before.level(), after.level(),
                            before.iopStatus(), after.iopStatus(), String.join(" ", before.reasons()), String.join(" ", after.reasons()),
                            String.join(" ", before.requirements()), String.join(" ", after.requirements()),
                            String.join(" ", before.warnings()), String.join(" ", after.warnings())).map(ImpactAnalysis::inert).toList());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        audit.record(by, "impact.export", changeRequestId, (impact.ownChanges().size() + impact.changes().size())
                + " changed cases downloaded as CSV (outcomes only)");
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
