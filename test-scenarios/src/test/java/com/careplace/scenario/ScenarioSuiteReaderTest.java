package com.careplace.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken suite file names file, scenario and field, and never passes silently. */
class ScenarioSuiteReaderTest {

    private static final String GIVEN = """
                given:
                  age: 34
                  diagnoses: [F10.20]
                  dimensions: {d1: 1, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1}
                  availableHoursPerWeek: 12
                  payer: COMMERCIAL
            """;

    private static String suite(String scenarioBody) {
        return "suite: Broken\nscenarios:\n  - name: Adult meets criteria\n" + scenarioBody;
    }

    @Test
    void readsAValidSuite() {
        ScenarioSuite suite = ScenarioSuiteReader.read("ok.yaml", suite(GIVEN + "    expect: {level: \"2.1\"}\n"));
        assertThat(suite.name()).isEqualTo("Broken");
        assertThat(suite.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.given().age()).isEqualTo(34);
            assertThat(s.expect()).containsEntry("level", "2.1");
        });
    }

    @Test
    void invalidGivenNamesTheField() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("iop.yaml", suite(GIVEN.replace("d3: 2", "d3: 7")
                + "    expect: {level: \"2.1\"}\n")))
                .isInstanceOf(ScenarioFormatException.class)
                .hasMessage("iop.yaml: scenario 'Adult meets criteria': given.dimensions.d3: must be 0..4, got 7");
    }

    @Test
    void misspelledExpectationFieldIsRejected() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("iop.yaml", suite(GIVEN + "    expect: {levle: \"2.1\"}\n")))
                .hasMessageStartingWith("iop.yaml: scenario 'Adult meets criteria': expect.levle: unknown field");
    }

    @Test
    void unquotedOrUnknownLevelIsRejected() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN + "    expect: {level: 2.1}\n")))
                .hasMessageContaining("expect.level: '2.1' is not a level code; write one of 0.5, 1, 2.1");
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN + "    expect: {level: \"2.2\"}\n")))
                .hasMessageContaining("expect.level: '2.2' is not a level code");
    }

    @Test
    void unknownReasonCodeIsRejected() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN
                + "    expect:\n      iop: {reasons: [MEETS_IOP_CRITERIA, TOO_YOUNG]}\n")))
                .hasMessageContaining("scenario 'Adult meets criteria': expect.iop.reasons[1]: 'TOO_YOUNG' is not one of");
    }

    @Test
    void missingOrEmptyExpectationIsRejected() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN)))
                .hasMessage("p.yaml: scenario 'Adult meets criteria': expect: missing or empty: name at least one part of the decision to check");
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN + "    expect: {}\n")))
                .isInstanceOf(ScenarioFormatException.class);
    }

    @Test
    void scenarioWithoutNameIsNamedByPosition() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", "suite: S\nscenarios:\n  - description: x\n"))
                .hasMessage("p.yaml: scenario '#1': name: every scenario needs a name");
    }

    @Test
    void duplicateScenarioNamesAreRejected() {
        String one = "  - name: Same\n" + GIVEN + "    expect: {level: \"2.1\"}\n";
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", "suite: S\nscenarios:\n" + one + one))
                .hasMessage("p.yaml: scenario 'Same': name: another scenario of this suite has the same name");
    }

    @Test
    void aSuiteWithoutScenariosNeverPassesSilently() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("empty.yaml", "suite: Empty\nscenarios: []\n"))
                .hasMessage("empty.yaml: scenarios: a suite needs a non-empty list of scenarios");
        assertThatThrownBy(() -> ScenarioSuiteReader.read("blank.yaml", ""))
                .hasMessageStartingWith("blank.yaml: ");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLine() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("bad.yaml", "suite: S\nscenarios:\n  - name: [unclosed\n"))
                .hasMessageStartingWith("bad.yaml: not valid YAML")
                .hasMessageContaining("line ");
    }

    @Test
    void unknownScenarioFieldIsRejected() {
        assertThatThrownBy(() -> ScenarioSuiteReader.read("p.yaml", suite(GIVEN + "    expected: {level: \"2.1\"}\n")))
                .hasMessageContaining("scenario 'Adult meets criteria': expected: unknown field");
    }

    @Test
    void readsADirectoryInFileNameOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), suite(GIVEN + "    expect: {level: \"2.1\"}\n").replace("Broken", "B"));
        Files.writeString(dir.resolve("a.yaml"), suite(GIVEN + "    expect: {level: \"2.1\"}\n").replace("Broken", "A"));
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        assertThat(ScenarioSuiteReader.readDirectory(dir)).extracting(ScenarioSuite::name).containsExactly("A", "B");
    }
}
