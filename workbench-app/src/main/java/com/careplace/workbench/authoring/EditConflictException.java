package com.careplace.workbench.authoring;

import com.careplace.workbench.base.LineDiff;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A save was based on an older revision than the one stored: someone else saved in between. Nothing
 * was written; {@link #theirs()} is what they saved and {@link #theirChanges()} what they changed.
 */
public class EditConflictException extends RuntimeException {

    private final AssetRevision theirs;
    private final List<LineDiff.Line> theirChanges;

    public EditConflictException(AssetRevision yourBase, AssetRevision theirs) {
        super(message(yourBase, theirs));
        this.theirs = theirs;
        this.theirChanges = LineDiff.changes(yourBase.text(), theirs.text());
    }

    private static String message(AssetRevision base, AssetRevision theirs) {
        List<LineDiff.Line> changes = LineDiff.changes(base.text(), theirs.text());
        String lines = changes.stream().map(l -> l.kind() == LineDiff.Kind.ADDED ? "+" + l.newLine() : "-" + l.oldLine())
                .limit(12).collect(Collectors.joining(", "));
        return theirs.path().substring(theirs.path().lastIndexOf('/') + 1) + " was saved by " + theirs.savedBy() + " at "
                + theirs.savedAt() + " (revision " + theirs.revision() + ") after you opened revision " + base.revision()
                + "; their changes: " + (lines.isEmpty() ? "none to the text" : lines)
                + ". Nothing of yours was saved: reload, then apply your change again.";
    }

    public AssetRevision theirs() {
        return theirs;
    }

    public List<LineDiff.Line> theirChanges() {
        return theirChanges;
    }
}
