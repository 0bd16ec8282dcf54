package com.careplace.decision.release;

import com.careplace.decision.base.OperatorContext;
import com.careplace.decision.base.OperatorLog;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Operator commands for releases on standalone nodes, against the nodes' database:
 * {@code java -jar decision-service-exec.jar releases publish <version> <kjar> | deploy <version> | list}.
 * Every node follows a deployment at its next poll. The workbench does the same from its release screen.
 */
public final class ReleaseCommand {

    private static final String USAGE = "usage: releases publish <version> <kjar file> | releases deploy <version> | releases list"
            + "   [--spring.* / --careplace.* options]";

    private ReleaseCommand() {
    }

    /**
     * Runs one command.
     *
     * @param args        the words after {@code releases}, then any Spring options
     * @param application the Spring Boot application class whose database to use
     * @return the process exit code: 0 done, 1 refused (or the database is in use), 2 usage
     */
    public static int run(String[] args, Class<?> application, PrintStream out, PrintStream err) {
        String[] words = OperatorContext.words(args);
        boolean valid = words.length > 0 && switch (words[0]) {
            case "publish" -> words.length == 3;
            case "deploy" -> words.length == 2;
            case "list" -> words.length == 1;
            default -> false;
        };
        if (!valid) {
            err.println(USAGE);
            return 2;
        }
        byte[] kjar = null;
        if (words[0].equals("publish")) {
            try {
                kjar = Files.readAllBytes(Path.of(words[2]));
            } catch (IOException e) {
                err.println("cannot read the kjar " + words[2] + ": " + e.getMessage());
                return 1;
            }
        }
        Optional<ConfigurableApplicationContext> started = OperatorContext.start(application, args, err);
        if (started.isEmpty()) {
            return 1;
        }
        try (ConfigurableApplicationContext context = started.get()) {
            ReleaseService releases = context.getBean(ReleaseService.class);
            OperatorLog operatorLog = context.getBean(OperatorLog.class);
            String operator = System.getProperty("user.name", "operator");
            try {
                switch (words[0]) {
                    case "publish" -> {
                        Release release = releases.publish(words[1], kjar, operator);
                        operatorLog.record("releases publish", words[1], "done: sha256 " + release.checksum());
                        out.println("published " + release.version() + " (id " + release.id() + ", sha256 " + release.checksum() + ")");
                    }
                    case "deploy" -> {
                        Deployment deployment = releases.deploy(words[1], operator);
                        operatorLog.record("releases deploy", words[1], "done: deployment " + deployment.id());
                        out.println("deployed " + deployment.release().version() + " at " + deployment.deployedAt()
                                + "; nodes switch at their next poll");
                    }
                    default -> {
                        String active = releases.deployments().isEmpty() ? ""
                                : releases.deployments().getLast().release().id();
                        releases.releases().forEach(r -> out.println(r.version() + "\t" + r.createdAt() + "\t" + r.createdBy()
                                + (r.id().equals(active) ? "\tACTIVE" : "")));
                    }
                }
                return 0;
            } catch (ReleaseRejectedException | UnknownReleaseException | IllegalArgumentException | IllegalStateException e) {
                if (!words[0].equals("list")) {
                    operatorLog.record("releases " + words[0], words[1], "refused: " + e.getMessage());
                }
                err.println(e.getMessage());
                return 1;
            }
        }
    }
}
