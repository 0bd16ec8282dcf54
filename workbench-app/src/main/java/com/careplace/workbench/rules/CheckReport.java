package com.careplace.workbench.rules;

import com.careplace.scenario.RunReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What checking a change request found: compile problems, unreadable suites, scenario results.
 *
 * @param compileProblems problems located in the rule assets
 * @param suiteProblems   suite files that cannot be read (file, scenario and field named)
 * @param suites          scenario results and rule coverage; {@code null} when the rules did not compile
 * @param compileTime     time to compile
 * @param suiteTime       time to run every suite
 * @param stopped         why the check was stopped before it finished (time or memory bound); {@code null} when it finished
 * @param tableFindings   what table verification found (gaps, conflicts, redundant rules …): warnings, they do not fail the check
 */
public record CheckReport(List<CompileProblem> compileProblems, List<String> suiteProblems, RunReport suites,
                          Duration compileTime, Duration suiteTime, String stopped,
                          List<TableVerification.Finding> tableFindings) implements java.io.Serializable {

    public CheckReport {
        compileProblems = List.copyOf(compileProblems);
        suiteProblems = List.copyOf(suiteProblems);
        tableFindings = tableFindings == null ? List.of() : List.copyOf(tableFindings);
    }

    /** A check that ran to its end. */
    public CheckReport(List<CompileProblem> compileProblems, List<String> suiteProblems, RunReport suites,
                       Duration compileTime, Duration suiteTime) {
        this(compileProblems, suiteProblems, suites, compileTime, suiteTime, null, List.of());
    }

    /** The same report with what table verification found. */
    public CheckReport withTableFindings(List<TableVerification.Finding> findings) {
        return new CheckReport(compileProblems, suiteProblems, suites, compileTime, suiteTime, stopped, findings);
    }

    /** A check stopped by the sandbox's bounds: nothing is known about the rules except that. */
    public static CheckReport stopped(String why, Duration after) {
        return new CheckReport(List.of(), List.of(), null, after, Duration.ZERO, why, List.of());
    }

    /** Compiles, every suite reads, and every scenario passes: the bar for submitting for review. */
    public boolean passes() {
        return stopped == null && compileProblems.isEmpty() && suiteProblems.isEmpty() && suites != null
                && suites.failures().isEmpty();
    }

    /** Why it does not pass, one line per reason. */
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (stopped != null) {
            reasons.add(stopped);
        }
        compileProblems.forEach(p -> reasons.add(p.where() + ": " + p.message()));
        reasons.addAll(suiteProblems);
        if (suites != null) {
            suites.failures().forEach(f -> reasons.add(f.suite() + " › " + f.scenario() + ": " + f.finding()));
        }
        return reasons;
    }
}
