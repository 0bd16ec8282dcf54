package com.careplace.workbench.rules;

import com.careplace.placement.Dimension;
import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.SuicideRisk;
import com.careplace.placement.facts.Answer;
import com.careplace.placement.facts.Assessment;
import com.careplace.placement.facts.BaseLevel;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.Diagnosis;
import com.careplace.placement.facts.DiagnosisCategory;
import com.careplace.placement.facts.DimensionMinimum;
import com.careplace.placement.facts.DimensionRating;
import com.careplace.placement.facts.IopDetermination;
import com.careplace.placement.facts.IopExclusion;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.IopStatus;
import com.careplace.placement.facts.LevelOverride;
import com.careplace.placement.facts.PayerMinimumHours;
import com.careplace.placement.facts.PayerRequirement;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import com.careplace.placement.facts.PayerWarningRaised;
import com.careplace.placement.facts.RecommendedLevel;
import com.careplace.placement.facts.WeeklyIopHours;
import com.careplace.placement.vocabulary.RequestField;
import com.careplace.placement.vocabulary.Vocabulary;
import com.careplace.placement.vocabulary.VocabularyEntry;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words the DRL editor highlights and completes: DRL's keywords, the clinical fact types with their
 * fields, and the vocabulary's entries as rules write them ({@code Payer.of("MEDICARE")},
 * {@code IopStatus.ELIGIBLE}). Read from the fact model and the change request's vocabulary, so a payer added
 * to the vocabulary is offered at once.
 */
public final class DrlWords {

    /** DRL's keywords and the attributes the 1.0.0 rules use. */
    public static final List<String> KEYWORDS = List.of("package", "import", "rule", "when", "then", "end", "salience", "no-loop",
            "agenda-group", "activation-group", "dialect", "not", "exists", "forall", "eval", "from", "collect", "accumulate",
            "insert", "insertLogical", "modify", "update", "delete", "retract", "and", "or", "global", "function", "query",
            "declare", "this", "null", "true", "false", "in", "matches", "contains", "memberOf");

    private static final List<Class<?>> FACTS = List.of(Assessment.class, BaseLevel.class, Category.class, Diagnosis.class,
            DiagnosisCategory.class, DimensionMinimum.class, DimensionRating.class, IopDetermination.class, IopExclusion.class,
            IopReason.class, IopStatus.class, LevelOverride.class, PayerMinimumHours.class, PayerRequirement.class,
            PayerRequirementCode.class, PayerWarning.class, PayerWarningRaised.class, RecommendedLevel.class, WeeklyIopHours.class,
            Answer.class, LevelOfCare.class, Payer.class, Dimension.class, SuicideRisk.class);

    private DrlWords() {
    }

    /** The fact model's type names, for highlighting. */
    public static List<String> types() {
        return FACTS.stream().map(Class::getSimpleName).toList();
    }

    /** Everything the editor completes, fact types first, then fields, then vocabulary entries and constants. */
    public static List<String> completions(Vocabulary vocabulary) {
        Set<String> words = new LinkedHashSet<>(types());
        for (Class<?> fact : FACTS) {
            RecordComponent[] components = fact.getRecordComponents();
            if (components != null) {
                Arrays.stream(components).map(RecordComponent::getName).forEach(words::add);
            }
        }
        vocabulary.requestFields().stream().map(RequestField::name).forEach(words::add);
        words.addAll(entries("LevelOfCare", vocabulary.levelsOfCare()));
        words.addAll(entries("Payer", vocabulary.payers()));
        words.addAll(entries("Category", vocabulary.categories()));
        words.addAll(entries("IopReason", vocabulary.iopReasons()));
        words.addAll(entries("PayerRequirementCode", vocabulary.payerRequirements()));
        words.addAll(entries("PayerWarning", vocabulary.payerWarnings()));
        Arrays.stream(IopStatus.values()).forEach(s -> words.add("IopStatus." + s.name()));
        Arrays.stream(Dimension.values()).forEach(d -> words.add("Dimension." + d.name()));
        Arrays.stream(SuicideRisk.values()).forEach(s -> words.add("SuicideRisk." + s.name()));
        words.addAll(KEYWORDS);
        return new ArrayList<>(words);
    }

    private static List<String> entries(String type, List<? extends VocabularyEntry> entries) {
        return entries.stream().map(e -> type + ".of(\"" + e.code() + "\")").toList();
    }
}
