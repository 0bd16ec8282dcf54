package com.careplace.workbench.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of compiling a set of rule assets.
 *
 * @param problems every error, located in the author's terms; empty when the rules compiled
 * @param took     how long compiling took
 * @param rules    the compiled rules; empty when there are problems
 */
public record CompileResult(List<CompileProblem> problems, Duration took, Optional<CompiledRules> rules) {

    public CompileResult {
        problems = List.copyOf(problems);
    }

    public boolean compiles() {
        return problems.isEmpty();
    }
}
