package com.careplace.decision.base;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.SQLException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the operator commands ({@code keys …}, {@code releases …}) share: their arguments are words
 * followed by Spring options, and they run against the node's database without a web server, without
 * loading releases and without scheduled work.
 */
public final class OperatorContext {

    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1: another process holds the file lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private OperatorContext() {
    }

    /** The command's words: every argument not starting with {@code --}. */
    public static String[] words(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    }

    /**
     * Starts the application's data layer with the {@code --} options among {@code args}; empty, with what
     * to do said on {@code err}, when the embedded H2 database is open in another process.
     */
    public static Optional<ConfigurableApplicationContext> start(Class<?> application, String[] args, PrintStream err) {
        try {
            return Optional.of(start(application, args));
        } catch (DatabaseInUseException e) {
            err.println(e.getMessage());
            return Optional.empty();
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, String[] args) {
        String[] options = Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        try {
            return new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE).logStartupInfo(false)
                    .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "careplace.decision.node=false")
                    .run(options);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                    throw new DatabaseInUseException(sql);
                }
            }
            throw e;
        }
    }

    /**
     * The H2 file database is open in another process (the workbench or a node on the same {@code ./data}):
     * without {@code careplace.h2.auto-server} H2 lets one process at a time open it.
     */
    private static final class DatabaseInUseException extends IllegalStateException {

        DatabaseInUseException(SQLException cause) {
            super("The database is in use by another process (the workbench or a node running on the same data directory). "
                    + "Stop it and run this command again, or start both with --careplace.h2.auto-server=true "
                    + "(H2 then listens on a network port for the second process). H2 said: " + cause.getMessage(), cause);
        }
    }
}
