package com.careplace.placement;

import com.careplace.placement.facts.Assessment;
import com.careplace.placement.facts.Diagnosis;
import com.careplace.placement.facts.DimensionRating;
import com.careplace.placement.facts.IopDetermination;
import com.careplace.placement.facts.IopExclusion;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.facts.PayerWarningRaised;
import com.careplace.placement.facts.RecommendedLevel;
import com.careplace.placement.facts.WeeklyIopHours;
import com.careplace.placement.vocabulary.Vocabulary;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates placement requests against a rule release: the one place that knows how facts go in
 * and how the decision comes out. Thread-safe; each call uses its own session, so one evaluator
 * serves any number of concurrent callers.
 *
 * <pre>{@code
 * var evaluator = new PlacementEvaluator(kieServices.newKieContainer(releaseId));
 * PlacementDecision decision = evaluator.evaluate(PlacementRequestReader.read(json));
 * }</pre>
 *
 * Evaluation is deterministic: facts are inserted in a fixed order and rules are ordered by salience.
 * The rules run with the release's {@link Vocabulary} as the current one, so that levels compare in
 * its order and the decision carries its names and messages, listed in its order.
 * Sessions come from a pool and are reset after each call: creating a session's node memories costs
 * more than evaluating the 1.0.0 rules. {@link #close()} releases the pool when a release is retired.
 */
public final class PlacementEvaluator implements AutoCloseable {

    private final KieSessionsPool sessions;
    private final EvaluationLimits limits;
    private final Vocabulary vocabulary;

    /**
     * Evaluates against the default KieBase of {@code container}, with {@link EvaluationLimits#DEFAULT}
     * and the vocabulary the container's kjar carries.
     * The KieBase is built here, through {@link RuleCompilation}, if the container has not built it yet.
     */
    public PlacementEvaluator(KieContainer container) {
        this(RuleCompilation.isolated(container::getKieBase), EvaluationLimits.DEFAULT, vocabularyOf(container));
    }

    private static Vocabulary vocabularyOf(KieContainer container) {
        KieModule module = container.getReleaseId() == null ? null
                : KieServices.get().getRepository().getKieModule(container.getReleaseId());
        return module == null ? Vocabulary.baseline() : Vocabulary.fromModule(module);
    }

    /** Evaluates against {@code kieBase}, bounded by {@code limits}, in release 1.0.0's vocabulary. */
    public PlacementEvaluator(KieBase kieBase, EvaluationLimits limits) {
        this(kieBase, limits, Vocabulary.baseline());
    }

    /** Evaluates against {@code kieBase}, bounded by {@code limits}, in the release's {@code vocabulary}. */
    public PlacementEvaluator(KieBase kieBase, EvaluationLimits limits, Vocabulary vocabulary) {
        this.sessions = Objects.requireNonNull(kieBase, "kieBase")
                .newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.limits = Objects.requireNonNull(limits, "limits");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /** The vocabulary requests to this evaluator are read in and its decisions speak. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Decides one request.
     *
     * @throws PlacementEvaluationException when the rules run away or do not produce a complete decision
     */
    public PlacementDecision evaluate(PlacementRequest request) {
        return Vocabulary.within(vocabulary, () -> evaluateWithin(request));
    }

    private PlacementDecision evaluateWithin(PlacementRequest request) {
        KieSession session = sessions.newKieSession();
        FiringLog log = new FiringLog(session, limits);
        boolean reusable = false;
        try {
            session.addEventListener(log);
            int fired;
            try {
                // Inside the try: Drools evaluates single-fact conditions while facts are inserted.
                insertFacts(session, request);
                fired = session.fireAllRules(limits.maxRuleFirings() + 1);
            } catch (RuntimeException e) {
                throw new PlacementEvaluationException(PlacementEvaluationException.Kind.RULE_ERROR,
                        "A rule failed during evaluation: " + rootMessage(e), e);
            }
            if (log.tooMuchMemory) {
                throw new PlacementEvaluationException(PlacementEvaluationException.Kind.RUNAWAY,
                        "Evaluation aborted after " + fired + " rule firings: the rules allocated more than "
                                + limits.maxAllocatedBytes() / (1024 * 1024) + " MB; last rule fired: " + log.lastRule(), null);
            }
            if (fired > limits.maxRuleFirings() || log.timedOut) {
                throw new PlacementEvaluationException(PlacementEvaluationException.Kind.RUNAWAY,
                        "Evaluation aborted after " + fired + " rule firings (limit " + limits.maxRuleFirings()
                                + " firings, " + limits.maxDuration().toMillis() + " ms); last rule fired: "
                                + log.lastRule(), null);
            }
            PlacementDecision decision = readDecision(session, request, log.names, vocabulary);
            reusable = true;
            return decision;
        } finally {
            session.removeEventListener(log);
            if (reusable) {
                session.dispose(); // back to the pool, reset
            } else {
                session.destroy(); // a halted or failed session is not trusted again
            }
        }
    }

    /** Releases the pooled sessions; the evaluator must not be used afterwards. */
    @Override
    public void close() {
        sessions.shutdown();
    }

    private static void insertFacts(KieSession session, PlacementRequest request) {
        session.insert(new Assessment(request.age(), request.suicideRisk(), request.availableHoursPerWeek(),
                request.currentLevel(), request.payer(), request.additional()));
        for (Dimension dimension : Dimension.values()) {
            session.insert(new DimensionRating(dimension, request.dimensions().rating(dimension)));
        }
        // A repeated code adds nothing clinically; inserting it once keeps firedRules free of duplicates.
        for (String code : new LinkedHashSet<>(request.diagnoses())) {
            session.insert(new Diagnosis(code));
        }
    }

    private static PlacementDecision readDecision(KieSession session, PlacementRequest request, List<String> fired,
                                                  Vocabulary vocabulary) {
        RecommendedLevel level = null;
        IopDetermination determination = null;
        WeeklyIopHours hours = null;
        Set<IopReason> exclusions = new java.util.HashSet<>();
        List<PayerRequirement> requirements = new ArrayList<>();
        Set<PayerWarning> warnings = new java.util.HashSet<>();
        for (Object fact : session.getObjects()) {
            switch (fact) {
                case RecommendedLevel l -> level = l;
                case IopDetermination d -> determination = d;
                case WeeklyIopHours h -> hours = h;
                case IopExclusion e -> exclusions.add(e.reason());
                case PayerRequirement r -> requirements.add(r);
                case PayerWarningRaised w -> warnings.add(w.warning());
                default -> { }
            }
        }
        if (level == null || determination == null) {
            throw new PlacementEvaluationException(PlacementEvaluationException.Kind.INCOMPLETE,
                    "The rules produced no " + (level == null ? "recommended level of care" : "IOP status")
                            + "; rules fired: " + fired, null);
        }
        // A code the vocabulary lacks (a rule built one itself) would vanish from the decision: refuse it instead.
        List<String> unknown = new ArrayList<>();
        if (vocabulary.levelOfCare(level.level().code()).isEmpty()) {
            unknown.add("level of care " + level.level().code());
        }
        requirements.stream().filter(r -> vocabulary.payerRequirement(r.code().code()).isEmpty())
                .forEach(r -> unknown.add("payer requirement " + r.code().code()));
        exclusions.stream().filter(r -> vocabulary.iopReason(r.code()).isEmpty()).forEach(r -> unknown.add("IOP reason " + r.code()));
        if (determination.status() != IopStatus.NOT_ELIGIBLE && vocabulary.iopReason(determination.reason().code()).isEmpty()) {
            unknown.add("IOP reason " + determination.reason().code());
        }
        warnings.stream().filter(w -> vocabulary.payerWarning(w.code()).isEmpty()).forEach(w -> unknown.add("payer warning " + w.code()));
        if (!unknown.isEmpty()) {
            throw new PlacementEvaluationException(PlacementEvaluationException.Kind.INCOMPLETE, "The rules produced what this "
                    + "release's vocabulary lacks: " + String.join(", ", unknown.stream().distinct().toList())
                    + "; rules fired: " + fired, null);
        }
        // The vocabulary's own entries, in its order: they carry its names and messages into the decision.
        List<PayerRequirement> listed = new ArrayList<>();
        for (PayerRequirementCode code : vocabulary.payerRequirements()) {
            requirements.stream().filter(r -> r.code().equals(code)).sorted(Comparator.comparing(
                    PayerRequirement::days, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .forEach(r -> listed.add(new PayerRequirement(code, r.days())));
        }
        List<IopReason> reasons = determination.status() == IopStatus.NOT_ELIGIBLE
                ? vocabulary.iopReasons().stream().filter(exclusions::contains).toList()
                : List.of(vocabulary.iopReason(determination.reason().code()).orElse(determination.reason()));
        return new PlacementDecision(request.requestId(), vocabulary.levelOfCare(level.level().code()).orElse(level.level()),
                level.drivingDimensions(),
                new PlacementDecision.Iop(determination.status(), reasons, hours),
                new PlacementDecision.PayerOutcome(listed, vocabulary.payerWarnings().stream().filter(warnings::contains).toList()),
                fired);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Records fired rule names in order and halts the session when the time or memory bound passes. */
    private static final class FiringLog extends DefaultAgendaEventListener {
        /** Bytes this thread allocated so far: a counter the JVM keeps anyway, read in tens of nanoseconds. */
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

        private final KieSession session;
        private final long deadline;
        private final long allocationLimit;
        private final List<String> names = new ArrayList<>();
        private boolean timedOut;
        private boolean tooMuchMemory;

        FiringLog(KieSession session, EvaluationLimits limits) {
            this.session = session;
            this.deadline = System.nanoTime() + limits.maxDuration().toNanos();
            this.allocationLimit = THREADS.getCurrentThreadAllocatedBytes() + limits.maxAllocatedBytes();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            names.add(event.getMatch().getRule().getName());
            if (System.nanoTime() > deadline) {
                timedOut = true;
                session.halt();
            } else if (THREADS.getCurrentThreadAllocatedBytes() > allocationLimit) {
                tooMuchMemory = true;
                session.halt();
            }
        }

        String lastRule() {
            return names.isEmpty() ? "none" : names.getLast();
        }
    }
}
