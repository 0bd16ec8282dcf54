package com.careplace.placement.vocabulary;

/**
 * Something wrong in a vocabulary file, where it is.
 *
 * @param path    the file, e.g. {@code com/careplace/vocabulary/payers.csv}
 * @param line    1-based line, or 0 for the file as a whole
 * @param message what is wrong, in an author's words
 */
public record VocabularyProblem(String path, int line, String message) implements java.io.Serializable {

    @Override
    public String toString() {
        return path.substring(path.lastIndexOf('/') + 1) + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
