/**
 * Authoring: rule assets as clinicians edit them, and compiling them in place with every problem
 * reported where the author wrote it (DRL file, line and column; decision-table row and column).
 */
package com.careplace.workbench.authoring;
