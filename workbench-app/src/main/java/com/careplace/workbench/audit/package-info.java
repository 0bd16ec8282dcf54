/**
 * Audit: an append-only, hash-chained record of every action taken in the workbench, with
 * verification that reports the first broken link, filters and CSV export.
 */
package com.careplace.workbench.audit;
