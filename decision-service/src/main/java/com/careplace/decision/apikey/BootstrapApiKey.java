package com.careplace.decision.apikey;

import com.careplace.decision.base.DecisionProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Provisions {@code careplace.decision.bootstrap-api-key} (caller {@code bootstrap}) for first use and tests. */
@Component
class BootstrapApiKey implements ApplicationRunner {

    static final String CALLER = "bootstrap";

    private final ApiKeys keys;
    private final DecisionProperties properties;

    BootstrapApiKey(ApiKeys keys, DecisionProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String key = properties.bootstrapApiKey();
        if (key != null && !key.isBlank()) {
            keys.register(CALLER, key.strip());
        }
    }
}
