package com.careplace.decision.release;

import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The release this node decides with. Swapped atomically: a request reads the reference once and
 * finishes on that release, so no request fails or sees a mix during a swap.
 */
@Component
class ActiveRelease {

    private final AtomicReference<LoadedRelease> current = new AtomicReference<>();
    private final AtomicReference<Refusal> lastFailure = new AtomicReference<>();

    /** A deployment this node refused (its release did not load, or the row is not signed), and why. */
    private record Refusal(long deploymentId, String why) {
    }

    public Optional<LoadedRelease> current() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code next} active; returns the one it replaced, if any. */
    LoadedRelease swap(LoadedRelease next) {
        lastFailure.set(null);
        return current.getAndSet(next);
    }

    void failed(Deployment deployment, String why) {
        lastFailure.set(new Refusal(deployment.id(), why));
    }

    /** Whether {@code deployment} is the one this node last refused (so it is not rebuilt every poll). */
    boolean refused(Deployment deployment) {
        Refusal refusal = lastFailure.get();
        return refusal != null && refusal.deploymentId() == deployment.id();
    }

    /** Why the last deployment this node saw could not be loaded; empty when the last one loaded. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get()).map(Refusal::why);
    }
}
