/**
 * Rules: everything Drools in the workbench, behind our own types. Rule assets, compiling them in place
 * with every problem where the author wrote it (DRL line and column, decision-table row, column and
 * heading) and the rule policy's refusals, the decision-table model, workbook and diff, the 1.0.0
 * baseline, checks (compile, policy, scenario suites), the {@link com.careplace.workbench.rules.RuleSandbox}
 * whose worker processes are the only place a change request's rules run, and {@code ./careplace check}.
 * Authoring, review and release use this; it uses none of them.
 */
package com.careplace.workbench.rules;
