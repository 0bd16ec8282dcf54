package com.careplace.scenario;

import java.util.List;

/**
 * The results of one suite.
 *
 * @param suite   the suite's name
 * @param source  the file it came from
 * @param results one per scenario, in suite order
 */
public record SuiteReport(String suite, String source, List<ScenarioResult> results) implements java.io.Serializable {

    public SuiteReport {
        results = List.copyOf(results);
    }

    public long failed() {
        return results.stream().filter(r -> !r.passed()).count();
    }
}
