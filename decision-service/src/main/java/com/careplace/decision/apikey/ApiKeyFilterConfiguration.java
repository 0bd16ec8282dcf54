package com.careplace.decision.apikey;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the API-key check in front of the decision API only (the actuator has its own, {@link OperationsAccessConfiguration}; API docs stay open). */
@Configuration(proxyBeanMethods = false)
class ApiKeyFilterConfiguration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys) {
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
        registration.addUrlPatterns("/api/*");
        registration.setName("careplaceApiKeyFilter");
        return registration;
    }
}
