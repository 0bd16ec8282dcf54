package com.careplace.workbench;

import com.careplace.decision.DecisionServiceApplication;
import com.careplace.decision.base.DecisionProperties;
import com.careplace.workbench.rules.SandboxProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The workbench (Spring Boot and Vaadin Flow), with the decision service embedded in the same process
 * (one database, one port). Features are packages: account, authoring, review, release, audit and a
 * shared base; their diagrams are in docs/modules/.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({DecisionProperties.class, SandboxProperties.class})
@ComponentScan(basePackages = {"com.careplace.workbench", "com.careplace.decision"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = DecisionServiceApplication.class))
public class WorkbenchApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkbenchApplication.class, args);
    }
}
