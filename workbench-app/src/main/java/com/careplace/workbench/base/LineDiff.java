package com.careplace.workbench.base;

import java.util.ArrayList;
import java.util.List;

/**
 * Line-by-line difference of two texts (longest common subsequence), for telling an author what
 * someone else changed and, later, for review diffs. Texts of rule assets are small (hundreds of lines).
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

    public static List<Line> between(String oldText, String newText) {
        String[] a = oldText.split("\r?\n", -1);
        String[] b = newText.split("\r?\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(new Line(Kind.KEPT, i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Removals before additions, as diffs are read: old line, then its replacement.
                lines.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
                i++;
            } else {
                lines.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
                j++;
            }
        }
        return lines;
    }

    /** The changed lines only, in order. */
    public static List<Line> changes(String oldText, String newText) {
        return between(oldText, newText).stream().filter(l -> l.kind() != Kind.KEPT).toList();
    }
}
