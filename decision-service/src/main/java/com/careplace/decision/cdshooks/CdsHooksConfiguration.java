package com.careplace.decision.cdshooks;

import com.careplace.decision.apikey.ApiKeys;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the CDS Hooks authentication (EHR JWT or API key) in front of the CDS services. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CdsHooksProperties.class)
class CdsHooksConfiguration {

    @Bean
    FilterRegistrationBean<CdsHooksAuthentication> cdsHooksAuthentication(CdsHooksProperties properties, ApiKeys keys) {
        FilterRegistrationBean<CdsHooksAuthentication> registration = new FilterRegistrationBean<>(new CdsHooksAuthentication(properties, keys));
        registration.addUrlPatterns(CdsHooksAuthentication.ROOT, CdsHooksAuthentication.ROOT + "/*");
        registration.setName("careplaceCdsHooksAuthentication");
        return registration;
    }
}
