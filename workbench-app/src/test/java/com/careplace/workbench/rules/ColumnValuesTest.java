package com.careplace.workbench.rules;

import com.careplace.placement.vocabulary.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What each column of the 1.0.0 tables takes, read from its code, and what the baseline cells hold. */
class ColumnValuesTest {

    private static final Vocabulary VOCABULARY = Vocabulary.baseline();

    private static DecisionTableDraft.RuleTable table(String name) {
        String csv = BaselineAssets.ruleSources().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow().text();
        return DecisionTableDraft.parse(csv).tables().getFirst();
    }

    private static List<String> hints(DecisionTableDraft.RuleTable table) {
        return java.util.stream.IntStream.range(0, table.width()).mapToObj(c -> table.values(c, VOCABULARY).hint()).toList();
    }

    @Test
    void everyColumnOfThe100TablesTakesWhatItsCodeReads() {
        assertThat(hints(table("payer-requirements.drl.csv"))).containsExactly("text", "an IOP status", "a payer", "yes or no",
                "yes or no", "a whole number from 0 to 168 (hours per week)", "a whole number from 1 to 365 (days)");
        assertThat(hints(table("dimension-levels.drl.csv"))).containsExactly("text", "an ASAM dimension",
                "a whole number from 0 to 4 (ASAM rating)", "a level of care");
        assertThat(hints(table("diagnosis-categories.drl.csv"))).containsExactly("text",
                "ICD-10-CM code beginnings separated by commas, e.g. F10, F34.1", "a diagnosis category");
    }

    @Test
    void theBaselineTablesHoldOnlyWhatTheirColumnsTake() {
        BaselineAssets.ruleSources().stream().filter(a -> a.kind() == RuleAsset.Kind.DECISION_TABLE).forEach(table ->
                assertThat(DecisionTableDraft.parse(table.text()).cellProblems(VOCABULARY)).as(table.name()).isEmpty());
    }

    @Test
    void choicesComeFromTheVocabularyWithTheirNames() {
        ColumnValues.OneOf levels = (ColumnValues.OneOf) table("dimension-levels.drl.csv").values(3, VOCABULARY);
        assertThat(levels.choices()).extracting(ColumnValues.Choice::code).containsExactly("0.5", "1", "2.1", "2.5", "3.1", "3.5", "3.7", "4");
        assertThat(levels.choices().get(2).label()).isNotEqualTo("2.1");
        assertThat(levels.problem(" 2.1 ")).isEmpty();
        assertThat(levels.problem("")).as("an empty cell: the column does not apply").isEmpty();
        assertThat(levels.problem("2.2")).contains("'2.2' is not a level of care. Allowed: 0.5, 1, 2.1, 2.5, 3.1, 3.5, 3.7, 4");
    }

    @Test
    void numbersAreWholeAndInRange() {
        ColumnValues.WholeNumber rating = (ColumnValues.WholeNumber) table("dimension-levels.drl.csv").values(2, VOCABULARY);
        assertThat(rating.problem("4")).isEmpty();
        assertThat(rating.problem("5")).contains("5 is out of range: expected a whole number from 0 to 4 (ASAM rating)");
        assertThat(rating.problem("2.5")).contains("'2.5' is not a whole number: expected a whole number from 0 to 4 (ASAM rating)");
    }

    @Test
    void columnsWhoseCodeIsNotRecognisedAreFreeText() {
        assertThat(ColumnValues.of("CONDITION", "Assessment", "someField matches \"$param\"", VOCABULARY))
                .isInstanceOf(ColumnValues.FreeText.class);
        assertThat(ColumnValues.of("NAME", "", "", VOCABULARY)).isInstanceOf(ColumnValues.FreeText.class);
        assertThat(ColumnValues.of("CONDITION", "Assessment", "age >= $param", VOCABULARY).hint())
                .isEqualTo("a whole number from 0 to 130 (years)");
    }
}
