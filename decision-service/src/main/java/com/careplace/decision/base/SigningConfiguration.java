package com.careplace.decision.base;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The installation's signing key: a node creates it on first start; operator commands only read it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningProperties.class)
class SigningConfiguration {

    @Bean
    SigningKey signingKey(SigningProperties settings, @Value("${careplace.decision.node:true}") boolean node) {
        return SigningKey.load(settings, node);
    }
}
