package com.careplace.workbench.review;

import java.util.List;

/**
 * What a change request does to outcomes, compared with the deployed release.
 *
 * @param deployedVersion   the release compared against
 * @param scenariosCompared scenario givens decided by both
 * @param decisionsCompared recent logged decisions replayed on both
 * @param changes           every case whose outcome differs
 */
public record Impact(String deployedVersion, int scenariosCompared, int decisionsCompared, List<ChangedCase> changes) {

    public Impact {
        changes = List.copyOf(changes);
    }

    /**
     * One case whose outcome changes.
     *
     * @param source {@code scenario} or {@code decision log}
     * @param label  which one: {@code suite › scenario}, or the logged decision's id and time
     * @param before with the deployed release
     * @param after  with the change request's rules
     */
    public record ChangedCase(String source, String label, Outcome before, Outcome after) {
    }
}
