package com.careplace.workbench.review;

/** How far a release's semantic version moves from the latest release. */
public enum VersionBump {
    PATCH, MINOR, MAJOR;

    /** {@code 1.2.3} bumped: patch → 1.2.4, minor → 1.3.0, major → 2.0.0. */
    public String from(String version) {
        String[] parts = version.split("[-+]")[0].split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        int patch = Integer.parseInt(parts[2]);
        return switch (this) {
            case PATCH -> major + "." + minor + "." + (patch + 1);
            case MINOR -> major + "." + (minor + 1) + ".0";
            case MAJOR -> (major + 1) + ".0.0";
        };
    }

    /** The default: a changed DRL file changes rule logic (minor); tables and suites alone are a patch. */
    public static VersionBump defaultFor(java.util.List<String> changedPaths) {
        return changedPaths.stream().anyMatch(p -> p.endsWith(".drl")) ? MINOR : PATCH;
    }
}
