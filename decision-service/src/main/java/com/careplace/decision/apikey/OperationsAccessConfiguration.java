package com.careplace.decision.apikey;

import com.careplace.decision.base.DecisionProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts the {@link OperationsKeyFilter} in front of the actuator endpoints, wherever they are served: on the
 * application's port by default, or on {@code management.server.port} when operators give them a port of
 * their own (then in the management context, where filters of the application's context do not run).
 * <p>
 * Deliberately neither {@code @Configuration} nor scanned: it is listed in
 * {@code META-INF/spring/…ManagementContextConfiguration.imports}, which Spring Boot imports into whichever
 * context serves the actuator. Scanned as well, it would be registered twice on one port.
 */
class OperationsAccessConfiguration {

    @Bean
    FilterRegistrationBean<OperationsKeyFilter> operationsKeyFilter(DecisionProperties properties, WebEndpointProperties endpoints) {
        String basePath = endpoints.getBasePath().replaceAll("/+$", "");
        FilterRegistrationBean<OperationsKeyFilter> registration = new FilterRegistrationBean<>(
                new OperationsKeyFilter(properties.operationsKey(), basePath));
        registration.addUrlPatterns(basePath + "/*");
        registration.setName("careplaceOperationsKeyFilter");
        return registration;
    }
}
