package com.careplace.decision.release;

import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The release this node decides with. Swapped atomically: a request reads the reference once and
 * finishes on that release, so no request fails or sees a mix during a swap.
 */
@Component
public class ActiveRelease {

    private final AtomicReference<LoadedRelease> current = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    public Optional<LoadedRelease> current() {
        return Optional.ofNullable(current.get());
    }

    /** Makes {@code next} active; returns the one it replaced, if any. */
    LoadedRelease swap(LoadedRelease next) {
        lastFailure.set(null);
        return current.getAndSet(next);
    }

    void failed(String why) {
        lastFailure.set(why);
    }

    /** Why the last deployment this node saw could not be loaded; empty when the last one loaded. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }
}
