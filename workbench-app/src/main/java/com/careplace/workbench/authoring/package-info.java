/**
 * Authoring: change requests as clinicians work in them. Isolated working copies of the rule assets,
 * version history and stale-save conflicts, unsaved edits checked before saving, the server-side submit
 * gate, and the state changes a verdict makes (merge into mainline, back to the author), which only
 * review calls; cases offered from the decision log, de-identified here, for authors to keep as scenarios.
 * Who decides is review's; compiling and checking are the {@code rules} module's.
 */
package com.careplace.workbench.authoring;
