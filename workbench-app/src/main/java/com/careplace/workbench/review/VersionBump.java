package com.careplace.workbench.review;

import com.careplace.decision.release.ReleaseVersion;

/** How far a release's semantic version moves from the latest release. */
public enum VersionBump {
    PATCH, MINOR, MAJOR;

    /** {@code 1.2.3} bumped: patch → 1.2.4, minor → 1.3.0, major → 2.0.0. */
    public String from(String version) {
        ReleaseVersion current = ReleaseVersion.parse(version);
        return (switch (this) {
            case PATCH -> current.nextPatch();
            case MINOR -> current.nextMinor();
            case MAJOR -> current.nextMajor();
        }).text();
    }

    /**
     * The default: a change that breaks callers (a value or request field they use is gone, a type
     * changed, a range narrowed) is major; a changed DRL file or vocabulary changes rule logic or adds to
     * the contract (minor); tables and suites alone are a patch.
     */
    public static VersionBump defaultFor(java.util.List<String> changedPaths, boolean breaksCallers) {
        if (breaksCallers) {
            return MAJOR;
        }
        return changedPaths.stream().anyMatch(p -> p.endsWith(".drl")
                || com.careplace.placement.vocabulary.Vocabulary.Part.ofPath(p).isPresent()) ? MINOR : PATCH;
    }
}
