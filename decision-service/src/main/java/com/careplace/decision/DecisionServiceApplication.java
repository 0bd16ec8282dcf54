package com.careplace.decision;

import com.careplace.decision.apikey.ApiKeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.release.ReleaseCommand;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Arrays;

/**
 * A standalone decision-service node: {@code java -jar decision-service-*-exec.jar}; with
 * {@code keys …} or {@code releases …} as arguments, the operator commands of {@link ApiKeyCommand}
 * and {@link ReleaseCommand} instead.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(DecisionProperties.class)
public class DecisionServiceApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("keys")) {
            System.exit(ApiKeyCommand.run(Arrays.copyOfRange(args, 1, args.length), DecisionServiceApplication.class,
                    System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("releases")) {
            System.exit(ReleaseCommand.run(Arrays.copyOfRange(args, 1, args.length), DecisionServiceApplication.class,
                    System.out, System.err));
        }
        SpringApplication.run(DecisionServiceApplication.class, args);
    }
}
