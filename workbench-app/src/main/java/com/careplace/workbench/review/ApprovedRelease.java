package com.careplace.workbench.review;

import com.careplace.decision.release.Release;
import com.careplace.workbench.rules.CheckReport;

import java.util.List;

/**
 * What approving a change request produced.
 *
 * @param release      the stored release, ready to deploy
 * @param changedPaths the assets the change request changed
 * @param checks       the merged mainline's compile and scenario results the release was built on
 */
public record ApprovedRelease(Release release, List<String> changedPaths, CheckReport checks) {
}
