package com.careplace.workbench.authoring.ui;

import com.careplace.scenario.ScenarioSuite;
import com.careplace.scenario.ScenarioSuiteReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenario table edits a suite's text one scenario block at a time, and leaves every other line alone. */
class SuiteTextTest {

    private static final Map<String, String> SUITES = ScenarioSuiteReader.bundledSources();

    @Test
    void everyScenarioOfThe100SuitesIsWrittenBackAsItWasWritten() {
        SUITES.forEach((name, yaml) -> {
            SuiteText suite = SuiteText.of(yaml).orElseThrow();
            for (int i = 0; i < suite.size(); i++) {
                suite.replace(i, suite.scenario(i));
            }
            assertThat(suite.text()).as(name).isEqualTo(yaml);
        });
    }

    @Test
    void addingMovingAndRemovingTouchOnlyThoseScenarios() {
        String yaml = SUITES.get("06-payer-requirements.yaml");
        SuiteText suite = SuiteText.of(yaml).orElseThrow();
        int before = suite.size();
        Map<String, Object> copy = suite.scenario(0);
        copy.put("name", "MEDICARE: the same patient, a copy");
        suite.insert(1, copy);
        suite.move(1, 1);
        ScenarioSuite read = ScenarioSuiteReader.read("06-payer-requirements.yaml", suite.text());
        assertThat(read.scenarios()).hasSize(before + 1);
        assertThat(read.scenarios().get(2).name()).isEqualTo("MEDICARE: the same patient, a copy");
        assertThat(read.scenarios().get(2).given()).isEqualTo(read.scenarios().get(0).given());

        suite.remove(2);
        assertThat(suite.text()).isEqualTo(yaml);
    }

    @Test
    void aSuiteLaidOutOtherwiseIsLeftToTheTextView() {
        assertThat(SuiteText.of("suite: X\nscenarios: [{name: a, given: {}, expect: {level: \"1\"}}]\n")).isEmpty();
        assertThat(SuiteText.of("suite: X\nscenarios:\n- name: a\n")).isEmpty();
    }

    @Test
    void valuesYamlWouldReadAsSomethingElseAreQuoted() {
        assertThat(SuiteText.flow(List.of("no", "NONE", "2.1", "F10.20", "D3"))).isEqualTo("[\"no\", NONE, \"2.1\", \"F10.20\", D3]");
    }
}
