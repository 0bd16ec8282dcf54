package com.careplace.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Load on the placement API as several calling systems make it: {@code threads} clients, each posting
 * single decisions back to back over real HTTP, every request with its own {@code requestId} (which the
 * decision log keeps in the request), every outcome kept for the test to check.
 */
public final class DecisionLoad implements AutoCloseable {

    private static final String PATH = "/api/v1/decisions/placement";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();

    /**
     * One request and what came of it.
     *
     * @param requestId   the request's own id
     * @param sentNanos   when it was sent ({@link System#nanoTime()})
     * @param answerNanos when the answer (or the failure) came
     * @param status      the HTTP status; 0 when the call itself failed
     * @param contentType the answer's content type
     * @param body        the answer's body
     */
    public record Outcome(String requestId, long sentNanos, long answerNanos, int status, String contentType, String body) {
        public double millis() {
            return (answerNanos - sentNanos) / 1e6;
        }
    }

    /** Starts {@code threads} clients sending requests with ids {@code prefix-<client>-<n>}. */
    public DecisionLoad(int port, String key, int threads, String prefix) {
        for (int t = 0; t < threads; t++) {
            String client = prefix + "-" + t + "-";
            clients.add(Thread.ofPlatform().name("decision-load-" + t).start(() -> {
                ApiClient api = new ApiClient(port, key);
                for (long n = 0; running.get(); n++) {
                    String id = client + n;
                    String body = PlacementApiContract.request(34, "\"F10.20\"", "1/0/2/1/2/1", 12, "COMMERCIAL",
                            ",\"requestId\":\"" + id + "\"");
                    long sent = System.nanoTime();
                    try {
                        ApiClient.Reply reply = api.post(PATH, body);
                        outcomes.add(new Outcome(id, sent, System.nanoTime(), reply.status(), reply.contentType(), reply.body()));
                    } catch (RuntimeException e) {
                        outcomes.add(new Outcome(id, sent, System.nanoTime(), 0, "", e.toString()));
                    }
                }
            }));
        }
    }

    /** Outcomes so far matching {@code filter}. */
    public List<Outcome> outcomes(Predicate<Outcome> filter) {
        return outcomes.stream().filter(filter).toList();
    }

    public long count(Predicate<Outcome> filter) {
        return outcomes.stream().filter(filter).count();
    }

    /** Stops the clients once their calls in flight are answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
    }

    /** The {@code p} quantile (0.5 for the median) of the latencies of {@code of}, in milliseconds. */
    public static double percentile(List<Outcome> of, double p) {
        if (of.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(of.stream().map(Outcome::millis).toList());
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}
