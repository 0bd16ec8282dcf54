/**
 * Authoring: rule assets as clinicians edit them in change requests, and compiling them in place with
 * every problem reported where the author wrote it (DRL file, line and column; decision-table row and
 * column), the rule policy's refusals included. A change request's rules only ever run in the
 * {@link com.careplace.workbench.authoring.RuleSandbox}'s worker processes.
 */
package com.careplace.workbench.authoring;
