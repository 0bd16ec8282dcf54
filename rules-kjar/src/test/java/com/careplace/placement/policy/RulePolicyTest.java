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
                    if (!higher.equals($base.level())) { // entries are records: != would compare objects
                        delete($base);
                        insert(new BaseLevel(higher));
                    }
                end

                query "patients at risk"
                    Assessment( suicideRisk != SuicideRisk.NONE )
                end
                """))).isEmpty();
    }

    /** A kjar as the workbench builds it, with {@code extra} entries (name to bytes) added at the end. */
    private static byte[] kjar(Map<String, byte[]> extra) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (InputStream in = RulePolicyTest.class.getResourceAsStream("/META-INF/kmodule.xml")) {
                entries.put("META-INF/kmodule.xml", in.readAllBytes());
            }
            baseline().forEach((path, text) -> entries.put(path, text.getBytes(StandardCharsets.UTF_8)));
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
            }
            for (Map.Entry<String, byte[]> entry : extra.entrySet()) {
                // "name#2" is a second entry of that name: written under a stand-in of the same length, patched below.
                String name = entry.getKey().replaceFirst("#\\d+$", "");
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getKey().endsWith("#2")
                        ? name.substring(0, name.length() - 1) + "~" : name));
                zip.write(entry.getValue());
            }
        }
        byte[] zip = bytes.toByteArray();
        for (String key : extra.keySet()) {
            if (key.endsWith("#2")) {
                String name = key.substring(0, key.length() - 2);
                zip = replaceAll(zip, (name.substring(0, name.length() - 1) + "~").getBytes(StandardCharsets.UTF_8),
                        name.getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip;
    }

    private static byte[] replaceAll(byte[] data, byte[] from, byte[] to) {
        byte[] result = data.clone();
        for (int i = 0; i + from.length <= result.length; i++) {
            if (java.util.Arrays.equals(result, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, result, i, to.length);
            }
        }
        return result;
    }

    @Test
    void aKjarHoldingOnlyTheRulesAndTheirLayoutPasses() throws IOException {
        assertThat(RulePolicy.checkKjar(kjar(Map.of()))).isEmpty();
    }

    @Test
    void aKjarCarryingAnythingElseIsRefused() throws IOException {
        byte[] mvelByDefault = new String(RulePolicyTest.class.getResourceAsStream("/META-INF/kmodule.xml").readAllBytes(),
                StandardCharsets.UTF_8).replace("<kbase ", "<configuration><property key=\"drools.dialect.default\" value=\"mvel\"/>"
                + "</configuration><kbase ").getBytes(StandardCharsets.UTF_8);
        assertThat(RulePolicy.checkKjar(kjar(Map.of("META-INF/kmodule.xml#2", mvelByDefault))))
                .as("a second kmodule.xml").isNotEmpty();
        assertThat(RulePolicy.checkKjar(kjar(Map.of("com/careplace/placement/facts/Backdoor.class", new byte[] {(byte) 0xCA, (byte) 0xFE}))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("compiled code", "not part of the application"));
        assertThat(RulePolicy.checkKjar(kjar(Map.of("META-INF/kbase.cache", new byte[1]))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("a file rules may not have"));
        assertThat(RulePolicy.checkKjar(kjar(Map.of("other/place.drl", "package other".getBytes(StandardCharsets.UTF_8)))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("must be under com/careplace/rules/"));
        // The same rule file twice: a reader that takes the second copy would compile what was never checked.
        assertThat(RulePolicy.checkKjar(kjar(Map.of(RULES + "placement.drl#2", (HEADER + """
                rule "leak"
                when
                    Assessment()
                then
                    System.exit(3);
                end
                """).getBytes(StandardCharsets.UTF_8))))).anySatisfy(v -> assertThat(v.message()).contains("twice"));
    }

    @Test
    void whatThePolicyCannotParseIsNotCompiledAndIsReportedAsTheSyntaxError() {
        List<PolicyViolation> violations = RulePolicy.checkSourceTexts(Map.of(RULES + "broken.drl", HEADER + """
                rule "broken"
                when
                    Assessment( age > )
                then
                end
                """));
        assertThat(violations).isNotEmpty().allSatisfy(v -> {
            assertThat(v.source()).isEqualTo(RULES + "broken.drl");
            assertThat(v.line()).isEqualTo(6);
            assertThat(v.message()).startsWith("Syntax error: ");
        });
    }

    @Test
    void aNameBoundToDifferentTypesInTheBranchesOfAnOrIsRefused() {
        List<PolicyViolation> violations = RulePolicy.checkSourceTexts(Map.of(RULES + "or.drl", HEADER + """
                rule "or"
                when
                    ( Assessment( $x : payer ) or Diagnosis( $x : code ) )
                    Assessment( $x.name() != null )
                then
                end
                """));
        assertThat(violations).anySatisfy(v -> assertThat(v.message()).contains("`$x` is bound to different kinds of value"));
        // The same type in every branch is fine.
        assertThat(RulePolicy.checkSourceTexts(Map.of(RULES + "or.drl", HEADER + """
                rule "or"
                when
                    ( Diagnosis( $x : code, code.startsWith("F1") ) or Diagnosis( $x : code, code.startsWith("F3") ) )
                    Assessment( $x.length() > 0 )
                then
                    kcontext.insertLogical( new PayerWarningRaised( PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET ) );
                end
                """))).isEmpty();
    }

    /**
     * With enums {@code ==} compared entries; with the records that replaced them it compares objects, and
     * a request's payer is not the constant's object. Found in Java code; patterns compare with equals.
     */
    @Test
    void identity_comparisons_of_vocabulary_entries_in_java_code_are_refused() {
        List<PolicyViolation> refused = check(baselineWith("""
                rule "Medicare by identity"
                when
                    $a : Assessment( payer == Payer.MEDICARE )
                then
                    if ($a.payer() == Payer.MEDICARE) { insert( new IopExclusion( IopReason.STEP_DOWN ) ); }
                    LevelOfCare current = $a.currentLevel();
                    if (LevelOfCare.OUTPATIENT != current) { insert( new IopExclusion( IopReason.STEP_DOWN ) ); }
                end
                """));
        assertThat(refused).extracting(PolicyViolation::line, PolicyViolation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(8, "=="), org.assertj.core.groups.Tuple.tuple(10, "=="));
        assertThat(refused.getFirst().message()).contains("compare Payer objects", "a.equals(b)");
        assertThat(check(baselineWith("""
                rule "Medicare by equals"
                when
                    $a : Assessment( payer == Payer.MEDICARE )
                then
                    if ($a.payer().equals(Payer.MEDICARE)) { insert( new IopExclusion( IopReason.STEP_DOWN ) ); }
                end
                """))).isEmpty();
    }

    /** Why the refusal above: without it, such a rule compiles, its pattern matches, and its test silently fails. */
    @Test
    void an_identity_comparison_would_silently_miss_without_the_refusal() {
        String consequence = """
                rule "Medicare warning"
                when
                    $a : Assessment( payer == Payer.MEDICARE )
                then
                    if (%s) { insert( new PayerWarningRaised( PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET ) ); }
                end
                """;
        Map<String, Object> medicare = Map.of("age", 34, "diagnoses", List.of("F10.20"),
                "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1),
                "availableHoursPerWeek", 12, "payer", "MEDICARE");
        assertThat(decideWithoutPolicy(baselineWith(consequence.formatted("$a.payer() == Payer.MEDICARE")), medicare)
                .payer().warnings()).as("the pattern matched, the == did not").isEmpty();
        assertThat(decideWithoutPolicy(baselineWith(consequence.formatted("$a.payer().equals(Payer.MEDICARE)")), medicare)
                .payer().warnings()).containsExactly(com.careplace.placement.facts.PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET);
    }

    /** Compiles and decides with Drools alone, no policy in the way. */
    private static com.careplace.placement.PlacementDecision decideWithoutPolicy(Map<String, String> sources, Map<String, Object> request) {
        KieServices ks = KieServices.get();
        org.kie.api.builder.ReleaseId id = ks.newReleaseId("com.careplace.test", "identity-" + System.nanoTime(), "1.0.0");
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(id);
        sources.forEach((path, text) -> files.write("src/main/resources/" + path, text));
        KieBuilder builder = RuleCompilation.isolated(() -> ks.newKieBuilder(files).buildAll());
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).as("compiles").isEmpty();
        org.kie.api.KieBase kieBase = RuleCompilation.isolated(() -> ks.newKieContainer(id).getKieBase());
        try (var evaluator = new com.careplace.placement.PlacementEvaluator(kieBase, com.careplace.placement.EvaluationLimits.DEFAULT,
                com.careplace.placement.vocabulary.Vocabulary.baseline())) {
            return evaluator.evaluate(com.careplace.placement.PlacementRequestReader.read(request));
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }
}
