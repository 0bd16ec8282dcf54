package com.careplace.workbench.base;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Line diffs number both sides and read as people read diffs: the old line, then its replacement. */
class LineDiffTest {

    @Test
    void keptRemovedAndAddedLinesWithTheirNumbers() {
        assertThat(LineDiff.between("a\nb\nc\nd", "a\nB\nc\nd\ne")).containsExactly(
                new LineDiff.Line(LineDiff.Kind.KEPT, 1, 1, "a"),
                new LineDiff.Line(LineDiff.Kind.REMOVED, 2, 0, "b"),
                new LineDiff.Line(LineDiff.Kind.ADDED, 0, 2, "B"),
                new LineDiff.Line(LineDiff.Kind.KEPT, 3, 3, "c"),
                new LineDiff.Line(LineDiff.Kind.KEPT, 4, 4, "d"),
                new LineDiff.Line(LineDiff.Kind.ADDED, 0, 5, "e"));
    }

    @Test
    void identicalTextsHaveNoChangesAndLineEndingsDoNotCount() {
        assertThat(LineDiff.changes("a\r\nb\n", "a\nb\n")).isEmpty();
        assertThat(LineDiff.between("", "")).containsExactly(new LineDiff.Line(LineDiff.Kind.KEPT, 1, 1, ""));
    }
}
