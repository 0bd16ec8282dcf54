package com.careplace.decision.release;

import com.careplace.decision.base.DecisionProperties;
import com.careplace.placement.EvaluationLimits;
import com.careplace.placement.PlacementEvaluationException;
import com.careplace.placement.Payer;
import com.careplace.placement.PlacementEvaluator;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.placement.RuleCompilation;
import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;
import com.careplace.placement.vocabulary.InvalidVocabularyException;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyCheck;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieModule;
import org.kie.api.runtime.KieContainer;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns kjar bytes into a running release, and refuses bytes that do not make one, or whose rules
 * break the {@link RulePolicy}. Drools types stay
 * in here and in {@link PlacementEvaluator}; the rest of the service sees {@link LoadedRelease}.
 */
@Component
public class ReleaseLoader {

    /**
     * A request every release must be able to decide before it may serve: worked example 1 of the spec,
     * once for each payer of the release's vocabulary (payer rules differ per payer).
     */
    private static Map<String, Object> smokeRequest(String payer) {
        return Map.of("age", 34, "diagnoses", List.of("F10.20"),
                "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1),
                "availableHoursPerWeek", 12, "payer", payer);
    }

    private final EvaluationLimits limits;

    public ReleaseLoader(DecisionProperties properties) {
        this.limits = new EvaluationLimits(properties.maxRuleFirings(), properties.maxEvaluationTime());
    }

    /**
     * Builds the release's KieBase and proves it decides a request.
     *
     * @throws ReleaseRejectedException saying why, when the bytes are not a loadable kjar or its rules cannot decide
     */
    public LoadedRelease load(Release release, byte[] kjar) {
        if (kjar.length < 4 || kjar[0] != 'P' || kjar[1] != 'K' || kjar[2] != 3 || kjar[3] != 4) {
            throw new ReleaseRejectedException("Release " + release.version() + " does not load as a kjar: it is not a jar (zip) file", null);
        }
        // The rule policy before anything is built from the bytes, and again over what was compiled: a
        // release written straight into the database with code the policy refuses never runs here.
        List<PolicyViolation> refused = RulePolicy.checkKjar(kjar);
        if (!refused.isEmpty()) {
            throw new ReleaseRejectedException("Release " + release.version() + " breaks the rule policy: "
                    + summary(refused), null);
        }
        Vocabulary vocabulary;
        try {
            vocabulary = Vocabulary.fromKjar(kjar);
        } catch (InvalidVocabularyException e) {
            throw new ReleaseRejectedException("Release " + release.version() + " has an invalid vocabulary: "
                    + e.getMessage(), null);
        }
        KieServices ks = KieServices.get();
        KieBase kieBase;
        try {
            KieModule module = ks.getRepository().addKieModule(ks.getResources().newByteArrayResource(kjar));
            // Again on the files as Drools' own zip reader read them: nothing else will be compiled.
            List<PolicyViolation> read = new ArrayList<>(RulePolicy.checkModuleFiles(module));
            // A rule naming an entry its vocabulary lacks would fail on every request it meets
            read.addAll(VocabularyCheck.check(module, vocabulary));
            if (!read.isEmpty()) {
                throw new ReleaseRejectedException("Release " + release.version() + " breaks the rule policy or "
                        + "names what its vocabulary lacks: " + summary(read), null);
            }
            kieBase = RuleCompilation.isolated(() -> {
                KieContainer container = ks.newKieContainer(module.getReleaseId());
                return container.getKieBase();
            });
        } catch (ReleaseRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ReleaseRejectedException("Release " + release.version() + " does not load as a kjar: "
                    + firstLine(e), e);
        }
        List<PolicyViolation> compiled = RulePolicy.checkCompiled(kieBase);
        if (!compiled.isEmpty()) {
            throw new ReleaseRejectedException("Release " + release.version() + " breaks the rule policy: "
                    + summary(compiled), null);
        }
        PlacementEvaluator evaluator = new PlacementEvaluator(kieBase, limits, vocabulary);
        try {
            for (Payer payer : vocabulary.payers()) {
                evaluator.evaluate(PlacementRequestReader.read(smokeRequest(payer.code()), vocabulary));
            }
        } catch (PlacementEvaluationException e) {
            evaluator.close();
            throw new ReleaseRejectedException("Release " + release.version() + " loads but cannot decide: "
                    + e.getMessage(), e);
        }
        return new LoadedRelease(release, evaluator);
    }

    private static String summary(List<PolicyViolation> violations) {
        String first = violations.stream().limit(3).map(PolicyViolation::toString).reduce((a, b) -> a + "; " + b).orElse("");
        return violations.size() > 3 ? first + " (and " + (violations.size() - 3) + " more)" : first;
    }

    /** Drools' messages can run to many lines (and quote whole resources); the first line, shortened, says enough. */
    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
