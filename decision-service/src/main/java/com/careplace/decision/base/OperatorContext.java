package com.careplace.decision.base;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;

/**
 * What the operator commands ({@code keys …}, {@code releases …}) share: their arguments are words
 * followed by Spring options, and they run against the node's database without a web server, without
 * loading releases and without scheduled work.
 */
public final class OperatorContext {

    private OperatorContext() {
    }

    /** The command's words: every argument not starting with {@code --}. */
    public static String[] words(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    }

    /** Starts the application's data layer with the {@code --} options among {@code args}. */
    public static ConfigurableApplicationContext start(Class<?> application, String[] args) {
        String[] options = Arrays.stream(args).filter(a -> a.startsWith("--")).toArray(String[]::new);
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN", "careplace.decision.node=false")
                .run(options);
    }
}
