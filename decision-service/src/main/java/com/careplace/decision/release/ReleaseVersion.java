package com.careplace.decision.release;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release's semantic version, parsed once: ordered as numbers ({@code 1.10.0} after {@code 1.9.3}),
 * with any pre-release or build suffix kept in the text but not in the order.
 *
 * @param major the first number
 * @param minor the second
 * @param patch the third
 * @param text  the version as written, e.g. {@code 1.2.0}
 */
public record ReleaseVersion(int major, int minor, int patch, String text) implements Comparable<ReleaseVersion> {

    private static final Pattern SEMANTIC = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)([-+][0-9A-Za-z.-]+)?");

    /**
     * Reads a version.
     *
     * @throws IllegalArgumentException when {@code text} is not a semantic version like {@code 1.2.0}
     */
    public static ReleaseVersion parse(String text) {
        Matcher matcher = text == null ? null : SEMANTIC.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("Release version '" + text + "' is not a semantic version like 1.2.0");
        }
        try {
            return new ReleaseVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Release version '" + text + "' has a number too large", e);
        }
    }

    /** Whether {@code text} is a semantic version. */
    public static boolean isValid(String text) {
        return text != null && SEMANTIC.matcher(text).matches();
    }

    /** The next patch ({@code 1.2.4} after {@code 1.2.3}), minor ({@code 1.3.0}) or major ({@code 2.0.0}) version. */
    public ReleaseVersion nextPatch() {
        return parse(major + "." + minor + "." + (patch + 1));
    }

    /** @see #nextPatch() */
    public ReleaseVersion nextMinor() {
        return parse(major + "." + (minor + 1) + ".0");
    }

    /** @see #nextPatch() */
    public ReleaseVersion nextMajor() {
        return parse((major + 1) + ".0.0");
    }

    /** Whether this version orders before {@code other}. */
    public boolean isBefore(ReleaseVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(ReleaseVersion other) {
        int byMajor = Integer.compare(major, other.major);
        if (byMajor != 0) {
            return byMajor;
        }
        int byMinor = Integer.compare(minor, other.minor);
        return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
