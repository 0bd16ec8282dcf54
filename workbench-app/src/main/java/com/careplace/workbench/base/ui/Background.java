package com.careplace.workbench.base.ui;

import com.vaadin.flow.component.UI;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Long work (compiles, suite runs, impact replays) off the UI thread, as the signed-in user, with the
 * result pushed back to the screen: the UI never freezes.
 */
public final class Background {

    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    private Background() {
    }

    /** Runs {@code work}, then {@code done} or {@code failed} inside the UI's lock. */
    public static <T> void run(UI ui, Supplier<T> work, Consumer<T> done, Consumer<Throwable> failed) {
        Executor asUser = new DelegatingSecurityContextExecutor(VIRTUAL, SecurityContextHolder.getContext());
        CompletableFuture.supplyAsync(work, asUser).whenComplete((result, error) -> ui.access(() -> {
            if (error == null) {
                done.accept(result);
            } else {
                failed.accept(error.getCause() == null ? error : error.getCause());
            }
        }));
    }
}
