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
    /** Whether, at the last poll, another node served the release this node refused. */
    private volatile boolean anotherNodeServesRefused;

    /** A deployment this node refused (its release did not load, or the row is not signed), and why. */
    private record Refusal(long deploymentId, Release release, String why) {
    }

    public Optional<LoadedRelease> current() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code next} active; returns the one it replaced, if any. */
    LoadedRelease swap(LoadedRelease next) {
        lastFailure.set(null);
        anotherNodeServesRefused = false;
        return current.getAndSet(next);
    }

    /** The newest deployment names the release this node serves: no refusal stands. */
    void following() {
        lastFailure.set(null);
        anotherNodeServesRefused = false;
    }

    void failed(Deployment deployment, String why) {
        lastFailure.set(new Refusal(deployment.id(), deployment.release(), why));
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

    /** The release of the deployment this node refused, while it refuses it. */
    Optional<Release> refusedRelease() {
        return Optional.ofNullable(lastFailure.get()).map(Refusal::release);
    }

    void anotherNodeServesRefused(boolean serves) {
        anotherNodeServesRefused = serves;
    }

    /**
     * Whether this node refused the newest deployment while another node serves its release: the refusal is
     * this node's own, not the installation's.
     */
    boolean refusedWhatAnotherNodeServes() {
        return anotherNodeServesRefused && lastFailure.get() != null;
    }
}
