package com.careplace.placement.vocabulary;

import com.careplace.placement.LevelOfCare;
import com.careplace.placement.Payer;
import com.careplace.placement.facts.Category;
import com.careplace.placement.facts.IopReason;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.facts.PayerWarning;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The vocabulary as data: the spec's 1.0.0 words, an edited release's words, and files that are not a vocabulary. */
class VocabularyTest {

    private static final Vocabulary BASELINE = Vocabulary.baseline();

    @Test
    void the_baseline_has_the_spec_levels_of_care_lowest_first_with_their_names() {
        assertThat(BASELINE.levelsOfCare()).extracting(LevelOfCare::code, LevelOfCare::title).containsExactly(
                tuple("0.5", "Early Intervention"),
                tuple("1", "Outpatient Services"),
                tuple("2.1", "Intensive Outpatient (IOP)"),
                tuple("2.5", "Partial Hospitalization (PHP)"),
                tuple("3.1", "Clinically Managed Low-Intensity Residential"),
                tuple("3.5", "Clinically Managed High-Intensity Residential"),
                tuple("3.7", "Medically Monitored Inpatient"),
                tuple("4", "Medically Managed Inpatient"));
        // The 1.0.0 constants are those levels, in the same order (equality is by code)
        assertThat(BASELINE.levelsOfCare()).containsExactly(LevelOfCare.EARLY_INTERVENTION, LevelOfCare.OUTPATIENT,
                LevelOfCare.INTENSIVE_OUTPATIENT, LevelOfCare.PARTIAL_HOSPITALIZATION, LevelOfCare.LOW_INTENSITY_RESIDENTIAL,
                LevelOfCare.HIGH_INTENSITY_RESIDENTIAL, LevelOfCare.MEDICALLY_MONITORED_INPATIENT,
                LevelOfCare.MEDICALLY_MANAGED_INPATIENT);
    }

    @Test
    void the_baseline_has_the_spec_payers_categories_reasons_requirements_and_warning_in_order() {
        assertThat(BASELINE.payers()).extracting(Payer::code)
                .containsExactly("MEDICARE", "MEDICAID", "COMMERCIAL", "TRICARE", "SELF_PAY");
        assertThat(BASELINE.payers()).containsExactly(Payer.MEDICARE, Payer.MEDICAID, Payer.COMMERCIAL, Payer.TRICARE,
                Payer.SELF_PAY);
        // Every category qualifies for IOP except psychotic disorder and other
        assertThat(BASELINE.categories()).extracting(Category::code, Category::qualifiesForIop).containsExactly(
                tuple("SUBSTANCE_USE_DISORDER", true), tuple("DEPRESSIVE_DISORDER", true), tuple("BIPOLAR_DISORDER", true),
                tuple("ANXIETY_DISORDER", true), tuple("EATING_DISORDER", true), tuple("TRAUMA_RELATED_DISORDER", true),
                tuple("SELF_HARM", true), tuple("PSYCHOTIC_DISORDER", false), tuple("OTHER", false));
        // Exclusions in the spec's order first, then the eligible and not-indicated reasons
        assertThat(BASELINE.iopReasons()).extracting(IopReason::code).containsExactly(
                "AGE_BELOW_MINIMUM", "NO_QUALIFYING_DIAGNOSIS", "WITHDRAWAL_NEEDS_MEDICAL_MANAGEMENT", "MEDICALLY_UNSTABLE",
                "IMMINENT_DANGER", "UNSAFE_RECOVERY_ENVIRONMENT", "INSUFFICIENT_AVAILABILITY", "HIGHER_LEVEL_REQUIRED",
                "MEETS_IOP_CRITERIA", "STEP_DOWN", "LOWER_LEVEL_SUFFICIENT");
        assertThat(BASELINE.iopReasons()).allSatisfy(reason -> assertThat(reason.message()).isNotBlank().isNotEqualTo(reason.code()));
        assertThat(BASELINE.payerRequirements()).extracting(PayerRequirementCode::code)
                .containsExactly("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION", "RECERTIFICATION");
        assertThat(BASELINE.payerWarnings()).extracting(PayerWarning::code).containsExactly("PAYER_MINIMUM_HOURS_NOT_MET");
        assertThat(BASELINE.requestFields()).isEmpty();
    }

    @Test
    void the_1_0_0_constants_take_their_names_from_the_current_vocabulary() {
        // Outside any evaluation the current vocabulary is the baseline
        assertThat(Vocabulary.current()).isSameAs(BASELINE);
        assertThat(LevelOfCare.INTENSIVE_OUTPATIENT.title()).isEqualTo("Intensive Outpatient (IOP)");
        assertThat(Payer.COMMERCIAL.title()).isEqualTo("Commercial insurance");
        assertThat(Category.PSYCHOTIC_DISORDER.title()).isEqualTo("Psychotic disorder");
        assertThat(Category.PSYCHOTIC_DISORDER.qualifiesForIop()).isFalse();
        assertThat(IopReason.MEETS_IOP_CRITERIA.message()).isEqualTo(BASELINE.iopReason("MEETS_IOP_CRITERIA").orElseThrow().message());
        assertThat(PayerRequirementCode.PRIOR_AUTHORIZATION.title()).isEqualTo("Prior authorization");
        assertThat(PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET.message())
                .isEqualTo("Available hours per week are below the payer's minimum weekly hours.");

        // A release that renames them: the same constants speak its words while it evaluates, not hard-coded ones
        Map<String, String> files = new LinkedHashMap<>(BASELINE.files());
        TestVocabularies.edit(files, Vocabulary.Part.LEVELS_OF_CARE, t -> TestVocabularies.replaceOnce(t,
                "2.1,Intensive Outpatient (IOP)", "2.1,Intensive Outpatient Program"));
        TestVocabularies.edit(files, Vocabulary.Part.PAYERS, t -> TestVocabularies.replaceOnce(t, "MEDICARE,Medicare", "MEDICARE,Original Medicare"));
        TestVocabularies.edit(files, Vocabulary.Part.DIAGNOSIS_CATEGORIES, t -> TestVocabularies.replaceOnce(t,
                "PSYCHOTIC_DISORDER,Psychotic disorder,no", "PSYCHOTIC_DISORDER,Psychotic disorder,yes"));
        TestVocabularies.edit(files, Vocabulary.Part.IOP_REASONS, t -> TestVocabularies.replaceOnce(t,
                "STEP_DOWN,Step down to IOP from a higher level of care the patient is in now.", "STEP_DOWN,Step down to IOP."));
        TestVocabularies.edit(files, Vocabulary.Part.PAYER_WARNINGS, t -> TestVocabularies.replaceOnce(t,
                "PAYER_MINIMUM_HOURS_NOT_MET,Available hours per week are below the payer's minimum weekly hours.",
                "PAYER_MINIMUM_HOURS_NOT_MET,Too few hours for the payer."));
        Vocabulary renamed = Vocabulary.fromFiles(files);
        assertThat(Vocabulary.within(renamed, () -> List.of(LevelOfCare.INTENSIVE_OUTPATIENT.title(), Payer.MEDICARE.title(),
                Category.PSYCHOTIC_DISORDER.qualifiesForIop().toString(), IopReason.STEP_DOWN.message(),
                PayerWarning.PAYER_MINIMUM_HOURS_NOT_MET.message()))).containsExactly("Intensive Outpatient Program",
                "Original Medicare", "true", "Step down to IOP.", "Too few hours for the payer.");
        assertThat(LevelOfCare.INTENSIVE_OUTPATIENT.title()).as("the baseline again once the scope ends")
                .isEqualTo("Intensive Outpatient (IOP)");
    }

    @Test
    void the_baseline_files_are_the_bundled_csv_files_and_read_back_to_the_same_vocabulary() {
        Map<String, String> files = BASELINE.files();
        assertThat(files.keySet()).containsExactly(java.util.Arrays.stream(Vocabulary.Part.values())
                .map(Vocabulary.Part::path).toArray(String[]::new));
        // What the workbench writes for an untouched vocabulary is byte for byte what the kjar bundles: no spurious diff
        files.forEach((path, text) -> assertThat(text).as(path).isEqualTo(TestVocabularies.resource(path)));
        Vocabulary read = Vocabulary.fromFiles(files);
        assertThat(read).isEqualTo(BASELINE);
        assertThat(read.files()).isEqualTo(files);
    }

    @Test
    void an_edited_vocabulary_round_trips_through_its_files() {
        Vocabulary edited = TestVocabularies.edited();
        Vocabulary again = Vocabulary.fromFiles(edited.files());
        assertThat(again).isEqualTo(edited).isNotEqualTo(BASELINE);
        assertThat(again.files()).isEqualTo(edited.files());
        assertThat(again.levelsOfCare()).extracting(LevelOfCare::code, LevelOfCare::title)
                .containsExactlyElementsOf(edited.levelsOfCare().stream().map(l -> tuple(l.code(), l.title())).toList());
        assertThat(again.requestFields()).isEqualTo(edited.requestFields());
    }

    @Test
    void an_edited_vocabulary_reads_its_additions() {
        Vocabulary edited = TestVocabularies.edited();
        assertThat(edited.payers()).extracting(Payer::code)
                .containsExactly("MEDICARE", "MEDICAID", "COMMERCIAL", "TRICARE", "SELF_PAY", "MEDICARE_ADVANTAGE");
        assertThat(edited.payer("MEDICARE_ADVANTAGE")).hasValue(new Payer("MEDICARE_ADVANTAGE", "Medicare Advantage"));
        assertThat(edited.category("OBSESSIVE_COMPULSIVE")).hasValueSatisfying(c -> assertThat(c.qualifiesForIop()).isTrue());
        assertThat(edited.iopReasons()).extracting(IopReason::code).containsSubsequence(
                "UNSAFE_RECOVERY_ENVIRONMENT", "PREGNANCY_NEEDS_OBSTETRIC_CARE", "INSUFFICIENT_AVAILABILITY");
        assertThat(edited.iopReason("PREGNANCY_NEEDS_OBSTETRIC_CARE").orElseThrow().message())
                .isEqualTo(TestVocabularies.PREGNANCY_MESSAGE);
        assertThat(edited.payerRequirements()).extracting(PayerRequirementCode::code)
                .containsExactly("PRIOR_AUTHORIZATION", "PHYSICIAN_CERTIFICATION", "RECERTIFICATION", "CONCURRENT_REVIEW");
        assertThat(edited.requestFields()).containsExactly(
                new RequestField("pregnant", RequestField.Type.BOOLEAN, null, null, "Whether the patient is pregnant"),
                new RequestField("gestationalWeeks", RequestField.Type.INTEGER, 1, 42, "Completed weeks of pregnancy"));

        // Within the release, rules name its additions; the baseline does not know them
        assertThat(Vocabulary.within(edited, () -> Payer.of("MEDICARE_ADVANTAGE").title())).isEqualTo("Medicare Advantage");
        assertThat(Vocabulary.within(edited, () -> Category.of("OBSESSIVE_COMPULSIVE").qualifiesForIop())).isTrue();
        assertThatThrownBy(() -> Payer.of("MEDICARE_ADVANTAGE")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MEDICARE, MEDICAID, COMMERCIAL, TRICARE, SELF_PAY");
        assertThatThrownBy(() -> LevelOfCare.of("2.7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2.7' is not a level of care");
    }

    @Test
    void inserted_levels_rank_where_they_were_inserted() {
        Vocabulary edited = TestVocabularies.edited();
        assertThat(edited.levelsOfCare()).extracting(LevelOfCare::code)
                .containsExactly("0.5", "1", "1.7", "2.1", "2.5", "2.7", "3.1", "3.5", "3.7", "4");
        assertThat(edited.rank(edited.levelOfCare("1.7").orElseThrow())).isEqualTo(2);
        Vocabulary.within(edited, () -> {
            LevelOfCare l17 = LevelOfCare.of("1.7");
            LevelOfCare l27 = LevelOfCare.of("2.7");
            assertThat(l17.isAbove(LevelOfCare.OUTPATIENT)).isTrue();
            assertThat(l17.isBelow(LevelOfCare.INTENSIVE_OUTPATIENT)).isTrue();
            assertThat(l27.isAbove(LevelOfCare.PARTIAL_HOSPITALIZATION)).isTrue();
            assertThat(l27.isBelow(LevelOfCare.LOW_INTENSITY_RESIDENTIAL)).isTrue();
            assertThat(LevelOfCare.higherOf(l27, LevelOfCare.PARTIAL_HOSPITALIZATION)).isEqualTo(l27);
            // The 1.0.0 constants move up with the inserted levels, as the enum's ordinal never did
            assertThat(LevelOfCare.INTENSIVE_OUTPATIENT.rank()).isEqualTo(3);
            assertThat(LevelOfCare.MEDICALLY_MANAGED_INPATIENT.ordinal()).isEqualTo(9);
            assertThat(java.util.stream.Stream.of(LevelOfCare.MEDICALLY_MANAGED_INPATIENT, l27, LevelOfCare.OUTPATIENT, l17)
                    .sorted().toList()).containsExactly(LevelOfCare.OUTPATIENT, l17, l27, LevelOfCare.MEDICALLY_MANAGED_INPATIENT);
            return null;
        });
        assertThat(BASELINE.rank(LevelOfCare.INTENSIVE_OUTPATIENT)).isEqualTo(2);
        assertThatThrownBy(() -> BASELINE.rank(new LevelOfCare("2.7", null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2.7' is not a level of care of this release");
    }

    @Test
    void no_vocabulary_files_at_all_is_the_baseline() {
        assertThat(Vocabulary.fromFiles(Map.of())).isSameAs(BASELINE);
        // Other files of a release are not vocabulary files
        assertThat(Vocabulary.fromFiles(Map.of("com/careplace/rules/placement.drl", "package x"))).isSameAs(BASELINE);
    }

    @Test
    void invalid_files_are_refused_with_every_problem_at_its_path_and_line() {
        Map<String, String> files = new LinkedHashMap<>(BASELINE.files());
        String payers = Vocabulary.Part.PAYERS.path();
        String categories = Vocabulary.Part.DIAGNOSIS_CATEGORIES.path();
        String fields = Vocabulary.Part.REQUEST_FIELDS.path();
        String warnings = Vocabulary.Part.PAYER_WARNINGS.path();
        String levels = Vocabulary.Part.LEVELS_OF_CARE.path();
        // payers.csv: header and 5 payers on lines 1-6
        TestVocabularies.edit(files, Vocabulary.Part.PAYERS, t -> t + "MEDICAID,Medicaid again\n" + "Medicare advantage,Medicare Advantage\n");
        TestVocabularies.edit(files, Vocabulary.Part.LEVELS_OF_CARE, t -> t + "2.x,Somewhere between\n");
        TestVocabularies.edit(files, Vocabulary.Part.DIAGNOSIS_CATEGORIES, t -> t + "OBSESSIVE_COMPULSIVE,Obsessive-compulsive disorder,sometimes\n");
        files.remove(warnings);
        TestVocabularies.edit(files, Vocabulary.Part.REQUEST_FIELDS, t -> t
                + "gestationalWeeks,integer,42,1,Weeks\n"
                + "notes,text,,,Free text\n"
                + "age,integer,0,120,The age again\n");

        InvalidVocabularyException refused = catchThrowableOfType(InvalidVocabularyException.class, () -> Vocabulary.fromFiles(files));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problems()).satisfiesExactlyInAnyOrder(
                p -> assertProblem(p, payers, 7, "'MEDICAID' is already on line 3"),
                p -> assertProblem(p, payers, 8, "'Medicare advantage' is not a code"),
                p -> assertProblem(p, levels, 10, "'2.x' is not a code: write an ASAM level code"),
                p -> assertProblem(p, categories, 11, "must be yes or no, not 'sometimes'"),
                p -> assertProblem(p, warnings, 0, "Payer warnings is missing"),
                p -> assertProblem(p, fields, 2, "The minimum of gestationalWeeks is above its maximum"),
                p -> assertProblem(p, fields, 3, "The type of notes must be one of integer, boolean"),
                p -> assertProblem(p, fields, 4, "'age' is a field of the spec's request already"));
        // The message an author sees lists them all, file and line first
        assertThat(refused.getMessage()).contains("payers.csv:7: ", "payers.csv:8: ", "levels-of-care.csv:10: ",
                "diagnosis-categories.csv:11: ", "payer-warnings.csv: Payer warnings is missing", "request-fields.csv:2: ",
                "request-fields.csv:3: ", "request-fields.csv:4: ");
    }

    @Test
    void a_vocabulary_with_no_levels_or_a_wrong_header_is_refused() {
        Map<String, String> files = new LinkedHashMap<>(BASELINE.files());
        files.put(Vocabulary.Part.LEVELS_OF_CARE.path(), "Code,Name\n");
        files.put(Vocabulary.Part.PAYERS.path(), "Code,Title\nMEDICARE,Medicare\n");
        assertThat(catchThrowableOfType(InvalidVocabularyException.class, () -> Vocabulary.fromFiles(files)).problems())
                .satisfiesExactlyInAnyOrder(
                        p -> assertProblem(p, Vocabulary.Part.LEVELS_OF_CARE.path(), 0, "Levels of care needs at least one entry"),
                        p -> assertProblem(p, Vocabulary.Part.PAYERS.path(), 1, "The first line must be the header Code,Name"),
                        p -> assertProblem(p, Vocabulary.Part.PAYERS.path(), 0, "Payers needs at least one entry"));
    }

    private static void assertProblem(VocabularyProblem problem, String path, int line, String message) {
        assertThat(problem.path()).isEqualTo(path);
        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.message()).contains(message);
    }
}
