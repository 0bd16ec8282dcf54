package com.careplace.placement.policy;

import com.careplace.placement.RuleCompilation;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Benign controls: the policy lets through the 1.0.0 rules and the edits clinicians actually make. */
class RulePolicyTest {

    private static final String RULES = "com/careplace/rules/";
    static final List<String> BASELINE = List.of("placement.drl", "iop-eligibility.drl", "diagnosis-categories.drl.csv",
            "dimension-levels.drl.csv", "payer-requirements.drl.csv");
    private static final String HEADER = """
            package com.careplace.rules
            import com.careplace.placement.*;
            import com.careplace.placement.facts.*;
            """;

    static Map<String, String> baseline() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : BASELINE) {
            try (InputStream in = RulePolicyTest.class.getResourceAsStream("/" + RULES + name)) {
                sources.put(RULES + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return sources;
    }

    /** Both halves of the policy over the sources: before compiling, then over what compiled. */
    static List<PolicyViolation> check(Map<String, String> sources) {
        List<PolicyViolation> before = RulePolicy.checkSourceTexts(sources);
        if (!before.isEmpty()) {
            return before;
        }
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem();
        sources.forEach((path, text) -> files.write("src/main/resources/" + path, text));
        KieBuilder builder = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll());
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as("compiles").isEmpty();
        return RulePolicy.checkCompiled(builder.getKieModule());
    }

    private static Map<String, String> baselineWith(String drl) {
        Map<String, String> sources = baseline();
        sources.put(RULES + "extra.drl", HEADER + drl);
        return sources;
    }

    @Test
    void the_1_0_0_rules_pass() {
        assertThat(check(baseline())).isEmpty();
    }

    @Test
    void realistic_edits_with_string_and_math_methods_pass() {
        assertThat(check(baselineWith("""
                rule "IOP exclusion: adolescent with too few hours for the payer"
                    salience -50
                when
                    $a : Assessment( age >= 12 && < 18, payer in (Payer.MEDICAID, Payer.TRICARE) )
                    PayerMinimumHours( $hours : hours, hours > Math.max(0, $a.availableHoursPerWeek() - 3) )
                    Diagnosis( code.toUpperCase().startsWith("F4") || code.trim().length() > 6, code != null )
                    not DiagnosisCategory( category == Category.OTHER, code.substring(0, 3) == "F43" )
                    $count : Number( intValue > 0 ) from accumulate( DimensionRating( rating >= 2, $r : rating ), count( $r ) )
                    $levels : java.util.List( size > 0 ) from collect( DimensionMinimum( level.isAtLeast(LevelOfCare.of("2.1")) ) )
                    eval( $hours > 3 && $a.age() < 18 )
                then
                    String note = "hours " + $hours + " for " + $a.payer().name().toLowerCase();
                    int shortBy = Math.abs($hours - $a.availableHoursPerWeek());
                    if (shortBy > 2 && note.contains("medicaid")) {
                        insert(new IopExclusion(IopReason.INSUFFICIENT_AVAILABILITY));
                    } else {
                        java.util.List<String> codes = new java.util.ArrayList<>();
                        codes.add(note.strip());
                        insert(new PayerWarningRaised(PayerWarning.valueOf("PAYER_MINIMUM_HOURS_NOT_MET")));
                    }
                end

                rule "Recommended level: keep the higher of two"
                    salience -45
                when
                    $base : BaseLevel()
                    LevelOverride( $target : target )
                then
                    LevelOfCare higher = LevelOfCare.higherOf($base.level(), $target);
                    if (higher != $base.level()) {
                        delete($base);
                        insert(new BaseLevel(higher));
                    }
                end

                query "patients at risk"
                    Assessment( suicideRisk != SuicideRisk.NONE )
                end
                """))).isEmpty();
    }
}
