package com.careplace.scenario;

import com.careplace.placement.PlacementDecision;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one scenario.
 *
 * @param suite      the suite's name
 * @param scenario   the scenario's name
 * @param outcome    passed, failed (a mismatch) or error (the rules could not decide)
 * @param mismatches expected versus actual per field; empty when passed
 * @param finding    one readable sentence, e.g. {@code expected level 2.1, got 2.5 — driving D3}; empty when passed
 * @param decision   what the rules decided; {@code null} on error
 * @param time       evaluation time
 */
public record ScenarioResult(String suite, String scenario, Outcome outcome, List<Mismatch> mismatches, String finding,
                             PlacementDecision decision, Duration time) implements java.io.Serializable {

    /** How a scenario ended. */
    public enum Outcome { PASSED, FAILED, ERROR }

    public ScenarioResult {
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }
}
