/**
 * Review: the review policy (four eyes) and verdicts on submitted change requests, kept once in the
 * {@code review} table. Approving merges through authoring, checks the merged mainline and hands the
 * release to the {@code release} module; rejecting sends the change request back with the comment,
 * which authoring's screens read through {@link com.careplace.workbench.authoring.ReviewerComments}.
 */
package com.careplace.workbench.review;
