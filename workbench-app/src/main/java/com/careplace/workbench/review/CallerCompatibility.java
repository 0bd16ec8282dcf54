package com.careplace.workbench.review;

import com.careplace.decision.decisionlog.DecisionLog;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.vocabulary.InvalidVocabularyException;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.RuleAsset;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a change request's vocabulary and request schema break for the systems that call the decision
 * API, against mainline's: removed or renamed values and fields, changed field types, narrowed ranges.
 * Reviewers see each with how many logged requests of the last 90 days used it.
 */
@Service
public class CallerCompatibility {

    /** How far back logged requests are counted. */
    public static final Duration WINDOW = Duration.ofDays(90);

    private final ChangeRequestService changes;
    private final DecisionLog decisionLog;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();
    private final JsonMapper json = JsonMapper.builder().build();

    CallerCompatibility(ChangeRequestService changes, DecisionLog decisionLog, AuditTrail audit) {
        this.changes = changes;
        this.decisionLog = decisionLog;
        this.audit = audit;
    }

    /** One breaking change and which logged cases it touches. */
    private record Finding(String what, String effect, Predicate<Logged> uses) {
    }

    /** A logged decision as parsed maps: the request the caller sent, the decision it received. */
    private record Logged(Map<?, ?> request, Map<?, ?> decision) {
    }

    /**
     * The breaking changes of a change request, without reading the decision log: what the default
     * version bump follows.
     */
    @PreAuthorize("isAuthenticated()")
    public boolean breaksCallers(String changeRequestId) {
        return !findings(changeRequestId).isEmpty();
    }

    /**
     * The breaking changes with their counts of logged requests. Logged requests are patient data: only
     * reviewers count them, and the read is recorded in the audit trail.
     */
    @PreAuthorize("hasRole('REVIEWER') and #by == authentication.name")
    @Transactional(readOnly = true) // PostgreSQL streams the window's rows only inside a transaction
    public List<BreakingChange> breakingChanges(String changeRequestId, String by) {
        List<Finding> findings = findings(changeRequestId);
        if (findings.isEmpty()) {
            return List.of();
        }
        long[] counts = new long[findings.size()];
        long[] read = {0};
        decisionLog.forEachSince(clock.instant().minus(WINDOW), (request, decision) -> {
            Logged logged;
            try {
                logged = new Logged(json.readValue(request, Map.class), json.readValue(decision, Map.class));
            } catch (JacksonException e) {
                return; // not a JSON object: it named nothing
            }
            read[0]++;
            for (int i = 0; i < findings.size(); i++) {
                if (findings.get(i).uses().test(logged)) {
                    counts[i]++;
                }
            }
        });
        audit.record(by, "decision-log.read", changeRequestId, "compatibility count over " + read[0]
                + " logged decisions of the last " + WINDOW.toDays() + " days");
        List<BreakingChange> changes = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            changes.add(new BreakingChange(findings.get(i).what(), findings.get(i).effect(), counts[i]));
        }
        return changes;
    }

    private List<Finding> findings(String changeRequestId) {
        Vocabulary before = vocabulary(changes.mainline().stream().map(a -> new RuleAsset(a.path(), a.text())).toList());
        Vocabulary after;
        try {
            after = RuleAsset.vocabulary(changes.ruleAssets(changeRequestId));
        } catch (InvalidVocabularyException e) {
            return List.of(); // Check reports it; nothing can be released until it reads
        }
        return compare(before, after);
    }

    private static Vocabulary vocabulary(List<RuleAsset> assets) {
        try {
            return RuleAsset.vocabulary(assets);
        } catch (InvalidVocabularyException e) {
            return Vocabulary.baseline();
        }
    }

    /** The breaking changes from {@code before} to {@code after}. */
    private static List<Finding> compare(Vocabulary before, Vocabulary after) {
        List<Finding> findings = new ArrayList<>();
        List<RequestField> fieldsOf = before.requestFields();
        removed(before.payers(), after.payers(), Payer::code).forEach(code -> findings.add(new Finding(
                "Payer " + code + " removed", "requests naming it are refused (400)",
                l -> code.equals(l.request().get("payer")) || usesInField(l, fieldsOf, RequestField.Type.PAYER, code))));
        removed(before.levelsOfCare(), after.levelsOfCare(), LevelOfCare::code).forEach(code -> findings.add(new Finding(
                "Level of care " + code + " removed", "requests giving it as the current level are refused (400); "
                + "no decision recommends it any more",
                l -> code.equals(l.request().get("currentLevel")) || code.equals(path(l.decision(), "level", "code"))
                        || usesInField(l, fieldsOf, RequestField.Type.LEVEL_OF_CARE, code))));
        if (fieldsOf.stream().anyMatch(f -> f.type() == RequestField.Type.DIAGNOSIS_CATEGORY)) {
            removed(before.categories(), after.categories(), Category::code).forEach(code -> findings.add(new Finding(
                    "Diagnosis category " + code + " removed", "requests giving it in a field are refused (400)",
                    l -> usesInField(l, fieldsOf, RequestField.Type.DIAGNOSIS_CATEGORY, code))));
        }
        removed(before.iopReasons(), after.iopReasons(), IopReason::code).forEach(code -> findings.add(new Finding(
                "IOP reason " + code + " removed", "callers reading this code will no longer receive it",
                l -> codes(path(l.decision(), "iop", "reasons")).contains(code))));
        removed(before.payerRequirements(), after.payerRequirements(), PayerRequirementCode::code).forEach(code -> findings.add(
                new Finding("Payer requirement " + code + " removed", "callers reading this code will no longer receive it",
                        l -> codes(path(l.decision(), "payer", "requirements")).contains(code))));
        removed(before.payerWarnings(), after.payerWarnings(), PayerWarning::code).forEach(code -> findings.add(new Finding(
                "Payer warning " + code + " removed", "callers reading this code will no longer receive it",
                l -> codes(path(l.decision(), "payer", "warnings")).contains(code))));
        for (RequestField old : before.requestFields()) {
            String name = old.name();
            RequestField now = after.requestField(name).orElse(null);
            if (now == null) {
                findings.add(new Finding("Request field " + name + " removed", "requests carrying it are refused (400)",
                        l -> l.request().containsKey(name)));
            } else if (now.type() != old.type()) {
                findings.add(new Finding("Request field " + name + " changed from " + old.type().word() + " to "
                        + now.type().word(), "requests carrying it as before are refused (400)", l -> l.request().containsKey(name)));
            } else if (now.type() == RequestField.Type.INTEGER && narrowed(old, now)) {
                findings.add(new Finding("Request field " + name + " narrowed from " + range(old) + " to " + range(now),
                        "requests outside the new range are refused (400)",
                        l -> l.request().get(name) instanceof Number n && !within(n.longValue(), now)));
            }
        }
        return findings;
    }

    private static <T> List<String> removed(List<T> before, List<T> after, Function<T, String> code) {
        List<String> kept = after.stream().map(code).toList();
        return before.stream().map(code).filter(c -> !kept.contains(c)).toList();
    }

    private static boolean usesInField(Logged logged, List<RequestField> fields, RequestField.Type type, String code) {
        return fields.stream().anyMatch(f -> f.type() == type && code.equals(logged.request().get(f.name())));
    }

    private static Object path(Map<?, ?> map, String... keys) {
        Object node = map;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }

    private static List<Object> codes(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream().map(i -> i instanceof Map<?, ?> m ? m.get("code") : null).filter(Objects::nonNull)
                .map(Object.class::cast).toList();
    }

    private static boolean narrowed(RequestField old, RequestField now) {
        boolean lowerRaised = now.minimum() != null && (old.minimum() == null || now.minimum() > old.minimum());
        boolean upperLowered = now.maximum() != null && (old.maximum() == null || now.maximum() < old.maximum());
        return lowerRaised || upperLowered;
    }

    private static boolean within(long value, RequestField field) {
        return (field.minimum() == null || value >= field.minimum()) && (field.maximum() == null || value <= field.maximum());
    }

    private static String range(RequestField field) {
        return (field.minimum() == null ? "any" : field.minimum().toString()) + ".."
                + (field.maximum() == null ? "any" : field.maximum().toString());
    }
}
