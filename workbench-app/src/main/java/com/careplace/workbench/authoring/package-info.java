/**
 * Authoring: change requests as clinicians work in them. Isolated working copies of the rule assets,
 * version history and stale-save conflicts, unsaved edits checked before saving, the server-side submit
 * gate, merging into mainline on approval. Compiling and checking are the {@code rules} module's.
 */
package com.careplace.workbench.authoring;
