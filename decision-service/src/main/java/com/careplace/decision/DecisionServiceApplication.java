package com.careplace.decision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A standalone decision-service node: {@code java -jar decision-service-*-exec.jar}. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(DecisionProperties.class)
public class DecisionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DecisionServiceApplication.class, args);
    }
}
