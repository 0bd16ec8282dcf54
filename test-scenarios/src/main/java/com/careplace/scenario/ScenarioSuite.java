package com.careplace.scenario;

import java.util.List;

/**
 * A suite of scenarios, read from one file.
 *
 * @param name        the suite's title
 * @param description what the suite covers; may be empty
 * @param source      where it was read from (a file name), for messages
 * @param scenarios   at least one
 */
public record ScenarioSuite(String name, String description, String source, List<Scenario> scenarios) {

    public ScenarioSuite {
        scenarios = List.copyOf(scenarios);
    }
}
