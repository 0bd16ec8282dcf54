package com.careplace.decision;

import com.careplace.decision.base.DecisionProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Optional;

/**
 * A standalone decision-service node: {@code java -jar decision-service-*-exec.jar}; with
 * {@code keys …} or {@code releases …} as arguments, the operator commands of {@link OperatorCli} instead.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(DecisionProperties.class)
public class DecisionServiceApplication {

    public static void main(String[] args) {
        Optional<Integer> command = OperatorCli.run(args);
        if (command.isPresent()) {
            System.exit(command.get());
        }
        SpringApplication.run(DecisionServiceApplication.class, args);
    }
}
