package com.careplace.workbench.base;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Line-by-line difference of two texts (Myers' diff, from java-diff-utils), for telling an author what
 * someone else changed and for review diffs.
 */
public final class LineDiff {

    private LineDiff() {
    }

    /**
     * One line of a diff.
     *
     * @param kind    kept, added or removed
     * @param oldLine 1-based line in the old text; 0 for added lines
     * @param newLine 1-based line in the new text; 0 for removed lines
     * @param text    the line
     */
    public record Line(Kind kind, int oldLine, int newLine, String text) {
    }

    /** What happened to a line. */
    public enum Kind { KEPT, ADDED, REMOVED }

    /** Every line of both texts in reading order: kept lines once, a changed run as its old lines then its new ones. */
    public static List<Line> between(String oldText, String newText) {
        List<String> a = Arrays.asList(oldText.split("\r?\n", -1));
        List<String> b = Arrays.asList(newText.split("\r?\n", -1));
        List<Line> lines = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b, true).getDeltas()) {
            int oldAt = delta.getSource().getPosition();
            int newAt = delta.getTarget().getPosition();
            if (delta.getType() == DeltaType.EQUAL) {
                List<String> kept = delta.getSource().getLines();
                for (int k = 0; k < kept.size(); k++) {
                    lines.add(new Line(Kind.KEPT, oldAt + k + 1, newAt + k + 1, kept.get(k)));
                }
                continue;
            }
            // Removals before additions, as diffs are read: old line, then its replacement.
            List<String> removed = delta.getSource().getLines();
            for (int k = 0; k < removed.size(); k++) {
                lines.add(new Line(Kind.REMOVED, oldAt + k + 1, 0, removed.get(k)));
            }
            List<String> added = delta.getTarget().getLines();
            for (int k = 0; k < added.size(); k++) {
                lines.add(new Line(Kind.ADDED, 0, newAt + k + 1, added.get(k)));
            }
        }
        return lines;
    }

    /** The changed lines only, in order. */
    public static List<Line> changes(String oldText, String newText) {
        return between(oldText, newText).stream().filter(l -> l.kind() != Kind.KEPT).toList();
    }

    /**
     * Both sides' changes to {@code base} in one text: {@code mine}'s changes applied to {@code theirs}, when
     * they touch different lines; empty when they change the same lines (a conflict a person decides).
     */
    public static java.util.Optional<String> merge(String base, String mine, String theirs) {
        List<String> baseLines = Arrays.asList(base.split("\n", -1));
        try {
            List<String> merged = DiffUtils.diff(baseLines, Arrays.asList(mine.split("\n", -1))).applyTo(
                    new ArrayList<>(Arrays.asList(theirs.split("\n", -1))));
            return java.util.Optional.of(String.join("\n", merged));
        } catch (com.github.difflib.patch.PatchFailedException conflict) {
            return java.util.Optional.empty();
        }
    }
}
