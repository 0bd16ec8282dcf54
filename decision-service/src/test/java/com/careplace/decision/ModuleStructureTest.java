package com.careplace.decision;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The feature packages (api, apikey, cdshooks, decisionlog, release, and the shared base) stay free of cycles and internal reach-ins. */
class ModuleStructureTest {

    @Test
    void featureModulesAreVerified() {
        ApplicationModules modules = ApplicationModules.of(DecisionServiceApplication.class);
        modules.verify();
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
                .containsExactlyInAnyOrder("api", "apikey", "base", "cdshooks", "decisionlog", "release");
    }
}
