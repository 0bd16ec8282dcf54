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
                     List<ChangedCase> ownChanges, List<String> unexercisedRules, Transitions transitions, Transitions iopTransitions,
                     List<WarningChange> warningChanges, List<FiringChange> firingChanges, List<ClinicianOverrides> clinicianOverrides) {

    public Impact {
        changes = List.copyOf(changes);
        ownChanges = List.copyOf(ownChanges);
        unexercisedRules = List.copyOf(unexercisedRules);
        warningChanges = List.copyOf(warningChanges);
        firingChanges = List.copyOf(firingChanges);
        clinicianOverrides = List.copyOf(clinicianOverrides);
    }

    /**
     * A payer warning the change raises for some cases and clears for others (against the deployed release).
     *
     * @param warning the warning's code
     * @param raised  cases that get it with the change and did not before
     * @param cleared cases that had it and no longer do
     */
    public record WarningChange(String warning, int raised, int cleared) {
    }

    /**
     * How many cases a rule fires in, with the deployed release and with the change: the rules that moved most.
     *
     * @param rule   the rule's name
     * @param before cases it fires in with the deployed release
     * @param after  with the change
     */
    public record FiringChange(String rule, int before, int after) {

        /** After minus before. */
        public int difference() {
            return after - before;
        }
    }

    static List<WarningChange> warningChanges(List<Outcome> before, List<Outcome> after) {
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (int i = 0; i < before.size(); i++) {
            countWarnings(counts, before.get(i), after.get(i));
        }
        return warningChanges(counts);
    }

    /** Adds one case's warnings to {@code counts}: per warning, [raised, cleared]. */
    static void countWarnings(java.util.Map<String, int[]> counts, Outcome before, Outcome after) {
        java.util.Set<String> was = new java.util.HashSet<>(before.warnings());
        java.util.Set<String> is = new java.util.HashSet<>(after.warnings());
        is.stream().filter(w -> !was.contains(w)).forEach(w -> counts.computeIfAbsent(w, k -> new int[2])[0]++);
        was.stream().filter(w -> !is.contains(w)).forEach(w -> counts.computeIfAbsent(w, k -> new int[2])[1]++);
    }

    static List<WarningChange> warningChanges(java.util.Map<String, int[]> counts) {
        return counts.entrySet().stream().map(e -> new WarningChange(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    }

    /** The {@code most} rules whose case counts changed most, largest change first; rules that did not change are left out. */
    static List<FiringChange> firingChanges(List<List<String>> before, List<List<String>> after, int most) {
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (int i = 0; i < before.size(); i++) {
            countFirings(counts, before.get(i), after.get(i));
        }
        return firingChanges(counts, most);
    }

    /** Adds one case's fired rules to {@code counts}: per rule, [cases before, cases after]. */
    static void countFirings(java.util.Map<String, int[]> counts, List<String> before, List<String> after) {
        new java.util.HashSet<>(before).forEach(rule -> counts.computeIfAbsent(rule, k -> new int[2])[0]++);
        new java.util.HashSet<>(after).forEach(rule -> counts.computeIfAbsent(rule, k -> new int[2])[1]++);
    }

    static List<FiringChange> firingChanges(java.util.Map<String, int[]> counts, int most) {
        return counts.entrySet().stream().map(e -> new FiringChange(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .filter(c -> c.difference() != 0)
                .sorted(java.util.Comparator.comparingInt((FiringChange c) -> -Math.abs(c.difference())).thenComparing(FiringChange::rule))
                .limit(most).toList();
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
     * How many cases go from each outcome to each other (levels of care, IOP statuses): the diagonal stays, the rest moves.
     *
     * @param levels the outcomes in order (levels by intensity), then {@code none} when some case was not decided
     * @param counts {@code counts[before][after]}, indexed as {@code levels}
     */
    public record Transitions(List<String> levels, int[][] counts) {

        public Transitions {
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

        static Transitions of(List<String> levels, List<Outcome> before, List<Outcome> after) {
            return counted(levels, before.stream().map(Outcome::level).toList(), after.stream().map(Outcome::level).toList());
        }

        /** IOP statuses in the matrix's order, eligible first. */
        static final List<String> IOP_STATUSES = List.of("ELIGIBLE", "NOT_INDICATED", "NOT_ELIGIBLE");

        /** IOP statuses, eligible first; a case not decided is {@code none}. */
        static Transitions ofIop(List<Outcome> before, List<Outcome> after) {
            return counted(IOP_STATUSES, before.stream().map(Transitions::iopStatus).toList(), after.stream().map(Transitions::iopStatus).toList());
        }

        static String iopStatus(Outcome outcome) {
            return outcome.undecided() ? "none" : outcome.iopStatus();
        }

        /** Counted case by case; {@code none} (not decided) gets a row and column of its own when it occurs. */
        static Transitions counted(List<String> categories, List<String> before, List<String> after) {
            List<String> all = new java.util.ArrayList<>(categories);
            java.util.stream.Stream.concat(before.stream(), after.stream()).filter(c -> !all.contains(c)).distinct().sorted(
                    java.util.Comparator.comparing((String c) -> c.equals("none"))).forEach(all::add);
            int[][] counts = new int[all.size()][all.size()];
            for (int i = 0; i < before.size(); i++) {
                counts[all.indexOf(before.get(i))][all.indexOf(after.get(i))]++;
            }
            return new Transitions(all, counts);
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
