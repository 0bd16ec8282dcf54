package com.careplace.workbench;

/**
 * The rule change the tests make again and again: TRICARE's weekly minimum hours in the payer table,
 * and the one 1.0.0 scenario whose outcome follows it.
 */
public final class TricareMinimum {

    public static final String TABLE = "com/careplace/rules/payer-requirements.drl.csv";
    public static final String SUITE = "scenarios/06-payer-requirements.yaml";
    /** Within a 6-hour minimum, below a 7-hour one. */
    public static final String SCENARIO = "TRICARE adolescent with 6 hours meets payer minimum";

    private static final String ROW = "ELIGIBLE,TRICARE,yes,no,";
    private static final String NO_WARNINGS = "warnings: []";

    private TricareMinimum() {
    }

    /** The 1.0.0 payer table with TRICARE's minimum (6) replaced by {@code hours}, as written (bad input too). */
    public static String table(String table, Object hours) {
        return table.replace(ROW + "6,", ROW + hours + ",");
    }

    /** The payer suite with {@link #SCENARIO} expecting the minimum-hours warning instead of none. */
    public static String suiteExpectingWarning(String suite) {
        int at = suite.indexOf(NO_WARNINGS, suite.indexOf(SCENARIO));
        return suite.substring(0, at) + "warnings: [PAYER_MINIMUM_HOURS_NOT_MET]" + suite.substring(at + NO_WARNINGS.length());
    }
}
