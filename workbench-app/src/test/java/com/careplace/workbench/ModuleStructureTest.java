package com.careplace.workbench;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbench's feature packages stay free of cycles and reach-ins . */
class ModuleStructureTest {

    @Test
    void featureModulesAreVerified() {
        ApplicationModules modules = ApplicationModules.of("com.careplace.workbench");
        modules.verify();
        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrder("account", "audit", "authoring", "base", "release", "review");
    }
}
