package com.careplace.placement.vocabulary;

import com.careplace.placement.policy.PolicyViolation;
import com.careplace.placement.policy.RulePolicy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules naming entries or fields their release's vocabulary lacks are found before compiling, at their place. */
class VocabularyCheckTest {

    private static final String EXTRA = TestVocabularies.RULES + "extra.drl";
    private static final String CATEGORIES_TABLE = TestVocabularies.RULES + "diagnosis-categories.drl.csv";
    private static final Vocabulary BASELINE = Vocabulary.baseline();
    private static final Vocabulary EDITED = TestVocabularies.edited();

    /** A DRL whose first rule starts on line 5 and whose condition is on line 8. */
    private static String drl(String condition, String action) {
        return """
                package com.careplace.rules
                import com.careplace.placement.*;
                import com.careplace.placement.facts.*;

                rule "Checked rule"
                    salience -50
                when
                    %s
                then
                    %s
                end
                """.formatted(condition, action);
    }

    private static List<PolicyViolation> check(String drl, Vocabulary vocabulary) {
        return VocabularyCheck.check(Map.of(EXTRA, drl), vocabulary);
    }

    /** 1-based column of {@code code} on 1-based {@code line} of {@code text}. */
    private static int columnOf(String text, int line, String code) {
        String lineText = text.lines().toList().get(line - 1);
        assertThat(lineText).contains(code);
        return lineText.indexOf(code) + 1;
    }

    @Test
    void the_bundled_1_0_0_rules_name_only_baseline_entries() {
        Map<String, String> sources = TestVocabularies.bundledRuleSources();
        assertThat(VocabularyCheck.check(sources, BASELINE)).isEmpty();
        // The edited vocabulary only adds, so the 1.0.0 rules are still right in it
        assertThat(VocabularyCheck.check(sources, EDITED)).isEmpty();
    }

    @Test
    void the_check_sees_every_constant_and_cell_of_the_bundled_rules() {
        // Guard against a check that finds nothing: with payers and IOP reasons emptied down to one, the 1.0.0
        // rules' table cells and constants are reported
        Map<String, String> files = new LinkedHashMap<>(BASELINE.files());
        files.put(Vocabulary.Part.PAYERS.path(), "Code,Name\nSELF_PAY,Self-pay\n");
        files.put(Vocabulary.Part.IOP_REASONS.path(), "Code,Message\nSTEP_DOWN,Step down\n");
        List<PolicyViolation> found = VocabularyCheck.check(TestVocabularies.bundledRuleSources(), Vocabulary.fromFiles(files));
        assertThat(found).extracting(PolicyViolation::source, PolicyViolation::code).contains(
                org.assertj.core.api.Assertions.tuple(TestVocabularies.RULES + "payer-requirements.drl.csv", "MEDICARE"),
                org.assertj.core.api.Assertions.tuple(TestVocabularies.RULES + "payer-requirements.drl.csv", "TRICARE"),
                org.assertj.core.api.Assertions.tuple(TestVocabularies.RULES + "iop-eligibility.drl", "AGE_BELOW_MINIMUM"),
                org.assertj.core.api.Assertions.tuple(TestVocabularies.RULES + "iop-eligibility.drl", "LOWER_LEVEL_SUFFICIENT"));
        assertThat(found).extracting(PolicyViolation::code).doesNotContain("SELF_PAY", "STEP_DOWN");
    }

    @Test
    void a_payer_added_to_the_vocabulary_is_unknown_to_the_baseline_at_its_line() {
        String drl = drl("Assessment( payer == Payer.of(\"MEDICARE_ADVANTAGE\") )",
                "insert( new IopExclusion( IopReason.INSUFFICIENT_AVAILABILITY ) );");

        assertThat(check(drl, BASELINE)).singleElement().satisfies(v -> {
            assertThat(v.source()).isEqualTo(EXTRA);
            assertThat(v.line()).isEqualTo(8);
            assertThat(v.column()).isEqualTo(columnOf(drl, 8, "MEDICARE_ADVANTAGE"));
            assertThat(v.rule()).isEqualTo("Checked rule");
            assertThat(v.code()).isEqualTo("MEDICARE_ADVANTAGE");
            assertThat(v.message()).isEqualTo("'MEDICARE_ADVANTAGE' is not a payer of this release: the payers are "
                    + "MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
            assertThat(v.toString()).startsWith("extra.drl:8:" + v.column() + ": ");
        });
        assertThat(check(drl, EDITED)).isEmpty();
    }

    @Test
    void a_misspelt_1_0_0_constant_is_reported_at_its_line_and_column() {
        String drl = drl("Assessment( payer == Payer.MEDICAR )", "insert( new IopExclusion( IopReason.INSUFFICIENT_AVAILABILTY ) );");

        assertThat(check(drl, EDITED)).satisfiesExactly(
                v -> {
                    assertThat(v).isEqualTo(new PolicyViolation(EXTRA, 8, columnOf(drl, 8, "MEDICAR"), "Checked rule", "MEDICAR",
                            v.message()));
                    assertThat(v.message()).startsWith("Payer.MEDICAR is not a payer of this release: the payers are MEDICARE, "
                            + "MEDICAID, COMMERCIAL, TRICARE, SELF_PAY, MEDICARE_ADVANTAGE");
                },
                v -> {
                    assertThat(v).isEqualTo(new PolicyViolation(EXTRA, 10, columnOf(drl, 10, "INSUFFICIENT_AVAILABILTY"),
                            "Checked rule", "INSUFFICIENT_AVAILABILTY", v.message()));
                    assertThat(v.message()).startsWith("IopReason.INSUFFICIENT_AVAILABILTY is not a")
                            .contains("IOP reason of this release: the IOP reasons are AGE_BELOW_MINIMUM")
                            .contains("PREGNANCY_NEEDS_OBSTETRIC_CARE");
                });
    }

    @Test
    void a_1_0_0_constant_the_vocabulary_removed_is_reported() {
        Map<String, String> files = new LinkedHashMap<>(BASELINE.files());
        TestVocabularies.edit(files, Vocabulary.Part.PAYERS, t -> TestVocabularies.replaceOnce(t, "TRICARE,TRICARE\n", ""));
        String drl = drl("Assessment( payer == Payer.TRICARE )", "insert( new IopExclusion( IopReason.INSUFFICIENT_AVAILABILITY ) );");

        assertThat(check(drl, Vocabulary.fromFiles(files))).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(8);
            assertThat(v.code()).isEqualTo("TRICARE");
            assertThat(v.message()).isEqualTo("Payer.TRICARE (TRICARE) is not a payer of this release's vocabulary: "
                    + "the payers are MEDICARE, MEDICAID, COMMERCIAL, SELF_PAY");
        });
        assertThat(check(drl, BASELINE)).isEmpty();
    }

    @Test
    void a_misspelt_category_in_a_table_cell_is_reported_at_the_rule_its_row_generates() {
        String table = TestVocabularies.replaceOnce(TestVocabularies.resource(CATEGORIES_TABLE),
                "Diagnosis category: eating disorder,F50,EATING_DISORDER", "Diagnosis category: eating disorder,F50,EATING_DISORDR");

        List<PolicyViolation> found = VocabularyCheck.check(Map.of(CATEGORIES_TABLE, table), BASELINE);

        // The line is in the DRL Drools generates from the table; rule and code lead back to the row and the cell
        String generated = RulePolicy.expandTable(CATEGORIES_TABLE, table.getBytes(StandardCharsets.UTF_8));
        List<String> lines = generated.lines().toList();
        int line = lines.indexOf(lines.stream().filter(l -> l.contains("\"EATING_DISORDR\"")).findFirst().orElseThrow()) + 1;
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.source()).isEqualTo(CATEGORIES_TABLE);
            assertThat(v.line()).isEqualTo(line);
            assertThat(v.column()).isEqualTo(columnOf(generated, line, "EATING_DISORDR"));
            assertThat(v.rule()).isEqualTo("Diagnosis category: eating disorder");
            assertThat(v.code()).isEqualTo("EATING_DISORDR");
            assertThat(v.message()).startsWith("'EATING_DISORDR' is not a diagnosis category of this release: the diagnosis "
                    + "categories are SUBSTANCE_USE_DISORDER, DEPRESSIVE_DISORDER");
        });
    }

    @Test
    void a_category_added_to_the_vocabulary_may_fill_a_table_cell() {
        String table = TestVocabularies.resource(CATEGORIES_TABLE)
                + "Diagnosis category: obsessive-compulsive disorder,F42,OBSESSIVE_COMPULSIVE\n";
        assertThat(VocabularyCheck.check(Map.of(CATEGORIES_TABLE, table), EDITED)).isEmpty();
        assertThat(VocabularyCheck.check(Map.of(CATEGORIES_TABLE, table), BASELINE)).singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo("Diagnosis category: obsessive-compulsive disorder");
                    assertThat(v.code()).isEqualTo("OBSESSIVE_COMPULSIVE");
                });
    }

    @Test
    void an_added_request_field_is_unknown_to_the_baseline_and_known_to_the_release_that_adds_it() {
        String drl = drl("$a : Assessment( yes(\"pregnant\") )", "insert( new IopExclusion( IopReason.INSUFFICIENT_AVAILABILITY ) );");

        assertThat(check(drl, BASELINE)).singleElement().satisfies(v -> {
            assertThat(v).isEqualTo(new PolicyViolation(EXTRA, 8, columnOf(drl, 8, "pregnant"), "Checked rule", "pregnant",
                    "'pregnant' is not a field of this release's request; this release's request schema adds no fields"));
        });
        assertThat(check(drl, EDITED)).isEmpty();
        // Written on the bound variable in a consequence, it is checked just the same
        assertThat(check(drl("$a : Assessment()", "if ($a.yes(\"pregnant\")) { insert( new IopExclusion( IopReason.IMMINENT_DANGER ) ); }"),
                BASELINE)).extracting(PolicyViolation::line, PolicyViolation::code).containsExactly(
                org.assertj.core.api.Assertions.tuple(10, "pregnant"));
    }

    @Test
    void an_added_field_read_as_the_wrong_type_is_reported() {
        String drl = drl("$a : Assessment( answered(\"gestationalWeeks\"), number(\"pregnant\") > 20 )",
                "insert( new IopExclusion( IopReason.INSUFFICIENT_AVAILABILITY ) );");

        assertThat(check(drl, EDITED)).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(8);
            assertThat(v.column()).isEqualTo(columnOf(drl, 8, "pregnant"));
            assertThat(v.code()).isEqualTo("pregnant");
            assertThat(v.message()).isEqualTo("number(\"pregnant\") reads an integer field, but pregnant is a boolean");
        });
        assertThat(check(drl("$a : Assessment( yes(\"gestationalWeeks\") )", "insert( new IopExclusion( IopReason.STEP_DOWN ) );"), EDITED))
                .extracting(PolicyViolation::message)
                .containsExactly("yes(\"gestationalWeeks\") reads a boolean field, but gestationalWeeks is an integer");
        assertThat(check(drl("$a : Assessment( number(\"gestationalWeeks\") > 20, yes(\"pregnant\") )",
                "insert( new IopExclusion( IopReason.STEP_DOWN ) );"), EDITED)).isEmpty();
    }

    @Test
    void entries_and_fields_in_comments_are_not_checked() {
        String drl = """
                package com.careplace.rules
                import com.careplace.placement.*;
                import com.careplace.placement.facts.*;

                // Until Payer.of("MEDICARE_ADVANTAGE") is in the vocabulary, yes("pregnant") cannot be asked
                /* Old version:
                   LevelOfCare.of("2.7") and Payer.MEDICAR
                */
                rule "Commented"
                when
                    Diagnosis( code != "F//" ) // Category.OBSESSIV
                    Assessment( payer.name() != "a//b", payer == Payer.MEDICAR )
                then
                    /* IopReason.of("NOPE") */ insert( new IopExclusion( IopReason.STEP_DOWN ) );
                end
                """;

        // Only the entry outside comments is reported; a // inside a string does not start a comment
        assertThat(check(drl, BASELINE)).extracting(PolicyViolation::line, PolicyViolation::code)
                .containsExactly(org.assertj.core.api.Assertions.tuple(12, "MEDICAR"));
    }

    @Test
    void words_in_strings_and_other_objects_methods_are_not_fields_or_entries() {
        String drl = """
                package com.careplace.rules
                import com.careplace.placement.*;
                import com.careplace.placement.facts.*;

                rule "Patients who answered yes (in the intake) and Payer.MEDICAR rules"
                when
                    $a : Assessment( payer.name() != "answered (see notes)" )
                then
                    java.util.Map.Entry<String, Integer> e = java.util.Map.entry("k", 1);
                    if ($a.yes("pregant")) { insert( new IopExclusion( IopReason.STEP_DOWN ) ); }
                end
                """;

        // Only the binding's call is the assessment's: rule names, strings and Map.entry name nothing
        assertThat(check(drl, BASELINE)).extracting(PolicyViolation::line, PolicyViolation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10, "pregant"));
    }

    @Test
    void messages_use_the_right_article() {
        assertThat(check(drl("Assessment()", "insert( new IopExclusion( IopReason.of(\"NOPE\") ) );"), BASELINE))
                .singleElement().satisfies(v -> assertThat(v.message()).startsWith("'NOPE' is not an IOP reason of this release"));
    }

    @Test
    void entries_a_rule_makes_up_itself_are_reported() {
        assertThat(check(drl("Assessment()", "insert( PayerRequirement.of( new PayerRequirementCode(\"CONCURENT_REVIEW\", null) ) );"),
                EDITED)).singleElement().satisfies(v -> {
                    assertThat(v.line()).isEqualTo(10);
                    assertThat(v.code()).isEqualTo("new PayerRequirementCode");
                    assertThat(v.message()).contains("write PayerRequirementCode.of(\"CODE\")");
                });
        // PayerRequirement and PayerWarningRaised are facts a rule makes, not entries
        assertThat(check(drl("Assessment()", "insert( new PayerWarningRaised( PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET ) );"),
                BASELINE)).isEmpty();
    }
}
