package com.careplace.placement.vocabulary;

import java.util.List;

/** Vocabulary files that do not make a vocabulary; every problem is listed, not just the first. */
public class InvalidVocabularyException extends IllegalArgumentException {

    private final List<VocabularyProblem> problems;

    public InvalidVocabularyException(List<VocabularyProblem> problems) {
        super("The vocabulary is not valid: " + String.join("; ", problems.stream().map(VocabularyProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<VocabularyProblem> problems() {
        return problems;
    }
}
