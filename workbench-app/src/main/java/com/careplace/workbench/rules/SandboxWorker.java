package com.careplace.workbench.rules;

import com.careplace.placement.PlacementEvaluationException;
import com.careplace.placement.PlacementRequest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The process a {@link RuleSandbox} starts: reads jobs on stdin, compiles and runs the change
 * request's rules here, answers on stdout. No Spring, no database, no credentials: its environment is
 * emptied by the sandbox, its heap is the check's memory bound, and the sandbox kills it when a check
 * runs past its time bound.
 */
public final class SandboxWorker {

    /** Worked example 1 of the spec. */
    private static final PlacementRequest WARM_UP = com.careplace.placement.PlacementRequestReader.read(java.util.Map.of(
            "age", 34, "diagnoses", List.of("F10.20"), "dimensions", java.util.Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1,
                    "d5", 2, "d6", 1), "availableHoursPerWeek", 12, "payer", "COMMERCIAL"));

    private SandboxWorker() {
    }

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        // Anything else written to stdout (Drools' and logging's console output) would corrupt the protocol.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        RuleCompiler compiler = new RuleCompiler();
        // Warm up before the first job, so that a job's time bound measures the job rather than loading Drools'
        // compilers: compile the 1.0.0 rules and decide one request (the scenarios' own warm-up is cheap).
        long start = System.nanoTime();
        CompileResult warm = compiler.compile(BaselineAssets.load());
        warm.rules().ifPresent(rules -> {
            rules.evaluator().evaluate(WARM_UP);
            rules.close();
        });
        SandboxProtocol.write(out, new SandboxProtocol.Ready((System.nanoTime() - start) / 1_000_000));
        while (true) {
            Object job;
            try {
                job = SandboxProtocol.read(in);
            } catch (EOFException e) {
                return; // the workbench closed our stdin: its sandbox shut down
            }
            Object answer;
            try {
                answer = handle(compiler, (SandboxProtocol.Job) job);
            } catch (RuntimeException e) {
                answer = new SandboxProtocol.Failure(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            SandboxProtocol.write(out, answer);
        }
    }

    static Object handle(RuleCompiler compiler, SandboxProtocol.Job job) {
        return switch (job) {
            case SandboxProtocol.Check check -> ChangeRequestChecks.checkHere(compiler, check.assets());
            case SandboxProtocol.Decide decide -> decide(compiler, decide);
        };
    }

    /**
     * The last rule sets this worker compiled, by their assets: a replay of the whole log sends the same change's rules
     * chunk after chunk (each chunk its own job and time bound), compiled once. Two: a change and its mainline.
     */
    private static final java.util.LinkedHashMap<List<RuleAsset>, CompiledRules> COMPILED = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<List<RuleAsset>, CompiledRules> eldest) {
            if (size() > 2) {
                eldest.getValue().close();
                return true;
            }
            return false;
        }
    };

    private static SandboxProtocol.Decisions decide(RuleCompiler compiler, SandboxProtocol.Decide job) {
        CompiledRules rules = COMPILED.get(job.assets());
        if (rules == null) {
            CompileResult compiled = compiler.compile(job.assets());
            if (compiled.rules().isEmpty()) {
                return new SandboxProtocol.Decisions(List.of(), compiled.problems().getFirst().where() + ": "
                        + compiled.problems().getFirst().message());
            }
            rules = compiled.rules().get();
            COMPILED.put(List.copyOf(job.assets()), rules);
        }
        List<RuleSandbox.Decided> decided = new ArrayList<>();
        for (PlacementRequest request : job.requests()) {
            try {
                decided.add(new RuleSandbox.Decided(rules.evaluator().evaluate(request), null));
            } catch (PlacementEvaluationException e) {
                decided.add(new RuleSandbox.Decided(null, e.getMessage()));
            }
        }
        return new SandboxProtocol.Decisions(decided, null);
    }
}
