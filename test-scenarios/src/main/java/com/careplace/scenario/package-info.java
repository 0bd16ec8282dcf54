/**
 * Scenario suites: "given this patient, expect this placement", the way clinicians and reviewers
 * state what the rules must do.
 *
 * <p>A suite is a YAML file ({@link ScenarioSuiteReader} documents the format). {@link ScenarioRunner}
 * runs suites against any {@code KieContainer} built from the placement fact model and returns a
 * {@link RunReport}: per scenario pass or fail with expected versus actual per field, timings, and the
 * rules that never fired.
 */
package com.careplace.scenario;
