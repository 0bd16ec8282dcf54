package com.careplace.placement;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.rule.Rule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two rule sets with a decision table at the same path each get their own table (Drools caches by path). */
class RuleCompilationTest {

    private static final String TABLE = "com/careplace/rules/dimension-levels.drl.csv";

    private static KieBase build(String version, String table) {
        KieServices ks = KieServices.get();
        ReleaseId id = ks.newReleaseId("com.careplace.test", "isolation", version);
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(id);
        files.write("src/main/resources/" + TABLE, table);
        return RuleCompilation.isolated(() -> {
            KieBuilder builder = ks.newKieBuilder(files).buildAll();
            assertThat(builder.getResults().getMessages()).isEmpty();
            return ks.newKieContainer(id).getKieBase();
        });
    }

    private static List<String> d3Rules(KieBase kieBase) {
        return kieBase.getKiePackage("com.careplace.rules").getRules().stream().map(Rule::getName)
                .filter(name -> name.startsWith("D3") && name.contains("rated 2")).toList();
    }

    @Test
    void eachBuildCompilesItsOwnDecisionTable() throws IOException {
        String original;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TABLE)) {
            original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = original.replace("D3 emotional/behavioral rated 2: minimum level 2.1,D3,2,2.1",
                "D3 emotional/behavioral rated 2: minimum level 2.5,D3,2,2.5");
        assertThat(changed).isNotEqualTo(original);

        assertThat(d3Rules(build("1.0.0", original))).containsExactly("D3 emotional/behavioral rated 2: minimum level 2.1");
        assertThat(d3Rules(build("1.1.0", changed))).containsExactly("D3 emotional/behavioral rated 2: minimum level 2.5");
        assertThat(d3Rules(build("1.0.1", original))).containsExactly("D3 emotional/behavioral rated 2: minimum level 2.1");
    }
}
