package com.careplace.workbench.rules;

import com.careplace.placement.PlacementDecision;
import com.careplace.placement.PlacementRequest;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a change request's rules (Check, impact replay) in worker processes of their own, never in the
 * workbench: a bounded pool of JVMs with a bounded heap, emptied environment, lowered CPU priority, and
 * a wall-time bound after which the worker is killed, so that plain Java that never returns, or a rule
 * that fills memory, ends that one check and nothing else. The decision API and other users' screens
 * run on in the workbench. The {@link com.careplace.placement.policy.RulePolicy} still runs first, in
 * the worker: the sandbox is the second line, not the first.
 */
@Service
public class RuleSandbox {

    /** A check or replay that was stopped by the sandbox's bounds or could not be run. */
    public static final class StoppedException extends IllegalStateException {
        public StoppedException(String message) {
            super(message);
        }
    }

    /**
     * One request's outcome with the change request's rules: a decision, or why the rules could not make one.
     *
     * @param decision the decision; {@code null} when the rules failed on this request
     * @param error    why they failed; {@code null} with a decision
     */
    public record Decided(PlacementDecision decision, String error) implements java.io.Serializable {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RuleSandbox.class);
    private static final String WORKER = SandboxWorker.class.getName();
    /** How long a new worker may take to start and warm up: a JVM and a first Drools build on a busy machine. */
    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final SandboxProperties properties;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    private final List<Worker> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    public RuleSandbox(SandboxProperties properties) {
        this.properties = properties;
        this.slots = new Semaphore(properties.workers(), true);
    }

    /**
     * Compiles the assets, applies the rule policy and runs their scenario suites in a worker.
     *
     * @return the report; a {@linkplain CheckReport#stopped() stopped} one when a bound ended the check
     */
    public CheckReport check(List<RuleAsset> assets) {
        long start = System.nanoTime();
        try {
            Object answer = run(new SandboxProtocol.Check(List.copyOf(assets)));
            if (answer instanceof CheckReport report) {
                return report;
            }
            throw new IllegalStateException(String.valueOf(answer));
        } catch (StoppedException e) {
            return CheckReport.stopped(e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Decides each request with the assets' rules, in a worker.
     *
     * @return one outcome per request, in order
     * @throws IllegalStateException when the rules do not compile or break the rule policy
     * @throws StoppedException      when a bound ended the replay
     */
    public List<Decided> decide(List<RuleAsset> assets, List<PlacementRequest> requests) {
        Object answer = run(new SandboxProtocol.Decide(List.copyOf(assets), List.copyOf(requests)));
        if (answer instanceof SandboxProtocol.Decisions decisions) {
            if (decisions.notCompiled() != null) {
                throw new IllegalStateException("The change request does not compile: " + decisions.notCompiled());
            }
            return decisions.decided();
        }
        throw new IllegalStateException(String.valueOf(answer));
    }

    /** Starts a worker and warms it in the background if none is idle: the author's first Check is then fast. */
    public void prepare() {
        if (!idle.isEmpty() || closed || !slots.tryAcquire()) {
            return;
        }
        io.submit(() -> {
            try {
                if (idle.isEmpty()) {
                    idle.add(started());
                }
            } catch (RuntimeException e) {
                LOG.warn("Starting a rule sandbox worker failed: {}", e.getMessage());
            } finally {
                slots.release();
            }
        });
    }

    private Object run(SandboxProtocol.Job job) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(properties.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException("The check was interrupted");
        }
        if (!acquired) {
            throw new StoppedException("Every rule checker is busy (" + properties.workers() + " at once); try again in a moment");
        }
        Worker worker = null;
        try {
            worker = idleOrNew();
            Object answer = worker.call(job);
            idle.add(worker);
            worker = null;
            if (answer instanceof SandboxProtocol.Failure failure) {
                throw new IllegalStateException(failure.message());
            }
            return answer;
        } finally {
            if (worker != null) {
                worker.kill();
            }
            slots.release();
        }
    }

    private Worker idleOrNew() {
        for (Worker worker = idle.poll(); worker != null; worker = idle.poll()) {
            if (worker.process.isAlive()) {
                return worker;
            }
            worker.kill();
        }
        if (closed) {
            throw new StoppedException("The workbench is shutting down");
        }
        return started();
    }

    /** A new worker, once it has warmed up (bounded by {@link #STARTUP}, apart from any job's time bound). */
    private Worker started() {
        Worker worker = new Worker(start());
        all.add(worker);
        worker.awaitReady();
        return worker;
    }

    private Process start() {
        try {
            Path home = Files.createTempDirectory("careplace-sandbox");
            ProcessBuilder builder = new ProcessBuilder(command()).directory(home.toFile());
            // Nothing of the workbench's environment (database URLs, passwords, keys) reaches rule code.
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.put("PATH", "/usr/bin:/bin");
            environment.put("LANG", "C.UTF-8");
            environment.put("HOME", home.toString());
            environment.put("TMPDIR", home.toString());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a rule sandbox worker", e);
        }
    }

    /** The worker's command line: the same classes as the workbench, from its jar or its class path. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        if (properties.nice() > 0 && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", String.valueOf(properties.nice())));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx" + properties.heap(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:ActiveProcessorCount=1", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path")));
        if (RuleSandbox.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            // Inside the executable jar: Spring Boot's PropertiesLauncher starts any main class from it.
            command.addAll(List.of("-Dloader.main=" + WORKER, "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.add(WORKER);
        }
        return command;
    }

    /** Ends every worker; checks after this are refused. */
    @PreDestroy
    public void close() {
        closed = true;
        all.forEach(Worker::kill);
        io.shutdownNow();
    }

    /** One worker process and its pipes. */
    private final class Worker {
        private final Process process;
        private final DataOutputStream toWorker;
        private final DataInputStream fromWorker;
        private final StringBuilder errors = new StringBuilder();
        private final Future<?> drained;

        Worker(Process process) {
            this.process = process;
            this.toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            this.fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            this.drained = io.submit(this::drainErrors);
        }

        void awaitReady() {
            Future<Object> ready = io.submit(() -> SandboxProtocol.read(fromWorker));
            try {
                Object first = ready.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
                if (first instanceof SandboxProtocol.Ready warm) {
                    LOG.info("Rule sandbox worker {} ready (warm-up {} ms)", process.pid(), warm.warmUpMillis());
                    return;
                }
                throw new IllegalStateException("unexpected first message " + first);
            } catch (TimeoutException | ExecutionException | RuntimeException e) {
                String why = e instanceof TimeoutException ? "it did not start within " + seconds(STARTUP) : died();
                kill();
                throw new StoppedException("The rule checker could not start: " + why);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new StoppedException("The check was interrupted");
            }
        }

        Object call(SandboxProtocol.Job job) {
            long start = System.nanoTime();
            Future<Object> answer = io.submit(() -> {
                SandboxProtocol.write(toWorker, job);
                return SandboxProtocol.read(fromWorker);
            });
            try {
                return answer.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                kill();
                throw new StoppedException("the rules did not finish within " + seconds(properties.timeout())
                        + ". A rule that never ends (or a very long text search) was stopped; nothing else was affected.");
            } catch (ExecutionException e) {
                String why = died();
                kill();
                throw new StoppedException(why);
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
                throw new StoppedException("The check was interrupted");
            } finally {
                LOG.debug("Sandbox job {} took {} ms", job.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
            }
        }

        private String died() {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) {
                    drained.get(2, TimeUnit.SECONDS); // the JVM's last words are in its console
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // what was read so far will do
            }
            String output;
            synchronized (errors) {
                output = errors.toString();
            }
            // -XX:+ExitOnOutOfMemoryError ends the JVM with exit code 3.
            if (output.contains("OutOfMemoryError") || !process.isAlive() && process.exitValue() == 3) {
                return "the rules used more memory than a check may (" + properties.heap() + "). A rule that keeps"
                        + " creating facts or growing text was stopped; nothing else was affected.";
            }
            return process.isAlive() ? "the rule checker stopped answering"
                    : "the rule checker ended unexpectedly (exit code " + process.exitValue() + ")";
        }

        /** Keeps the last few KB of the worker's console, in memory only: it may quote patient data. */
        private void drainErrors() {
            try (InputStream err = process.getErrorStream()) {
                byte[] buffer = new byte[4096];
                for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
                    synchronized (errors) {
                        errors.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (errors.length() > 16_384) {
                            errors.delete(0, errors.length() - 8_192);
                        }
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
        }

        void kill() {
            all.remove(this);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
