package com.careplace.workbench.review;

import java.util.List;

/**
 * What a change request does to outcomes: against the mainline it is based on (this change alone), and
 * against the deployed release (what deploying the result would change, earlier approved changes included).
 *
 * @param deployedVersion   the release compared against
 * @param scenariosCompared scenario givens decided by each
 * @param decisionsCompared recent logged decisions replayed on each
 * @param changes           every case whose outcome differs from the deployed release's
 * @param ownChanges        every case whose outcome differs from mainline's: what this change does
 * @param unexercisedRules  rules this change adds that fire in no scenario and no replayed decision
 * @param transitions       every compared case's level of care with the deployed release and with this change
 */
public record Impact(String deployedVersion, int scenariosCompared, int decisionsCompared, List<ChangedCase> changes,
                     List<ChangedCase> ownChanges, List<String> unexercisedRules, LevelTransitions transitions,
                     List<ClinicianOverrides> clinicianOverrides) {

    public Impact {
        changes = List.copyOf(changes);
        ownChanges = List.copyOf(ownChanges);
        unexercisedRules = List.copyOf(unexercisedRules);
        clinicianOverrides = List.copyOf(clinicianOverrides);
    }

    /**
     * Where clinicians disagree with a rule: of the decisions it fired in whose CDS Hooks card got feedback, how many were
     * overridden, and the reason given most.
     *
     * @param rule        the rule's name
     * @param changedHere whether this change request adds or changes the rule
     * @param withFeedback decisions with feedback the rule fired in
     * @param overridden  of those, overridden
     * @param topReason   the override reason given most; empty when none was overridden
     */
    public record ClinicianOverrides(String rule, boolean changedHere, int withFeedback, int overridden, String topReason) {

        /** Overridden, as a whole percentage of the decisions with feedback. */
        public long percent() {
            return withFeedback == 0 ? 0 : Math.round(100.0 * overridden / withFeedback);
        }
    }

    /** Every case compared, whatever it came from (scenarios, the log, a what-if batch). */
    public int casesCompared() {
        int all = 0;
        for (int[] row : transitions.counts()) {
            for (int n : row) {
                all += n;
            }
        }
        return all;
    }

    /**
     * How many cases go from each level of care to each other: the diagonal stays, the rest moves.
     *
     * @param levels the level codes in order of intensity, then {@code none} when some case was not decided
     * @param counts {@code counts[before][after]}, indexed as {@code levels}
     */
    public record LevelTransitions(List<String> levels, int[][] counts) {

        public LevelTransitions {
            levels = List.copyOf(levels);
            int[][] copy = new int[counts.length][];
            for (int i = 0; i < counts.length; i++) {
                copy[i] = counts[i].clone();
            }
            counts = copy;
        }

        /** The cases going from {@code before} to {@code after}. */
        public int count(String before, String after) {
            int from = levels.indexOf(before);
            int to = levels.indexOf(after);
            return from < 0 || to < 0 ? 0 : counts[from][to];
        }

        /** The largest cell: what shading is relative to. */
        public int largest() {
            int largest = 0;
            for (int[] row : counts) {
                for (int n : row) {
                    largest = Math.max(largest, n);
                }
            }
            return largest;
        }

        static LevelTransitions of(List<String> levels, List<Outcome> before, List<Outcome> after) {
            List<String> all = new java.util.ArrayList<>(levels);
            if (before.stream().anyMatch(Outcome::undecided) || after.stream().anyMatch(Outcome::undecided)) {
                all.add("none");
            }
            int[][] counts = new int[all.size()][all.size()];
            for (int i = 0; i < before.size(); i++) {
                int from = all.indexOf(before.get(i).level());
                int to = all.indexOf(after.get(i).level());
                if (from >= 0 && to >= 0) {
                    counts[from][to]++;
                }
            }
            return new LevelTransitions(all, counts);
        }
    }

    /**
     * One case whose outcome changes.
     *
     * @param source {@code scenario} or {@code decision log}
     * @param label  which one: {@code suite › scenario}, or the logged decision's id and time
     * @param before with the deployed release
     * @param after  with the change request's rules
     * @param offer  for a logged decision, what offering it to authors as a test case needs; {@code null} for a scenario
     */
    public record ChangedCase(String source, String label, Outcome before, Outcome after, Offerable offer) {

        /** Whether this case came from the decision log (and so may be offered to authors, who cannot read it). */
        public boolean offerable() {
            return offer != null;
        }
    }

    /**
     * A logged case as it can be offered to authors (patient data: for the reviewer's screen only).
     *
     * @param given      the logged request as replayed
     * @param decisionId the logged decision, for the audit trail
     */
    public record Offerable(com.careplace.placement.PlacementRequest given, long decisionId) {

        @Override
        public String toString() {
            return "logged decision " + decisionId; // never the request: a stray log line must not carry it
        }
    }
}
