package com.careplace.decision.apikey;

import com.careplace.decision.base.OperatorContext;
import com.careplace.decision.base.OperatorLog;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operator commands for API keys on a standalone node, against the node's database:
 * {@code java -jar decision-service-exec.jar keys issue|revoke|list [caller] [--spring.datasource.url=…]}.
 * Runs without the web server and without loading releases.
 */
public final class ApiKeyCommand {

    private static final Pattern CALLER = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String USAGE = "usage: keys issue <caller> | keys revoke <caller> | keys list   [--spring.* / --careplace.* options]";

    private ApiKeyCommand() {
    }

    /**
     * Runs one command.
     *
     * @param args        the words after {@code keys}, then any Spring options
     * @param application the Spring Boot application class whose database to use
     * @return the process exit code: 0 done, 1 nothing to do (or the database is in use), 2 usage
     */
    public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        String[] words = OperatorContext.words(args);
        if (words.length == 0 || (!words[0].equals("list") && (words.length != 2 || !CALLER.matcher(words[1]).matches()))) {
            err.println(USAGE);
            err.println("a caller name is 1 to 128 letters, digits, '.', '_' or '-'");
            return 2;
        }
        Optional<ConfigurableApplicationContext> started = OperatorContext.start(application, args, err);
        if (started.isEmpty()) {
            return 1;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            ApiKeys keys = context.getBean(ApiKeys.class);
            switch (words[0]) {
                case "issue" -> {
                    ApiKeys.IssuedKey issued = keys.issue(words[1]);
                    context.getBean(OperatorLog.class).record("keys issue", words[1], "done");
                    out.println("API key for " + issued.caller() + " (shown once; store it in the caller's secrets):");
                    out.println(issued.key());
                    return 0;
                }
                case "revoke" -> {
                    int revoked = keys.revoke(words[1]);
                    context.getBean(OperatorLog.class).record("keys revoke", words[1], "revoked " + revoked + " key(s)");
                    out.println("revoked " + revoked + " key(s) of " + words[1]
                            + "; nodes stop accepting them within " + ApiKeys.CACHE_TTL.toSeconds() + " s");
                    return revoked > 0 ? 0 : 1;
                }
                case "list" -> {
                    keys.list().forEach(k -> out.println(k.caller() + "\tissued " + k.createdAt()
                            + (k.revokedAt() == null ? "\tactive" : "\trevoked " + k.revokedAt())));
                    return 0;
                }
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
    }
}
