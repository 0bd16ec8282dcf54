package com.careplace.decision;

import com.careplace.decision.apikey.ApiKeyCommand;
import com.careplace.decision.release.ReleaseCommand;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operator commands of the standalone jar ({@code keys …}, {@code releases …}): a command line,
 * so it writes to the console. Anything else starts the node.
 */
final class OperatorCli {

    private OperatorCli() {
    }

    /** The exit code of the command {@code args} name, or empty when they name none (start the node). */
    static Optional<Integer> run(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "keys" -> Optional.of(ApiKeyCommand.run(rest, DecisionServiceApplication.class, System.out, System.err));
            case "releases" -> Optional.of(ReleaseCommand.run(rest, DecisionServiceApplication.class, System.out, System.err));
            default -> Optional.empty();
        };
    }
}
