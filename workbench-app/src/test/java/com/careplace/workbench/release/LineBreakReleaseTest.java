package com.careplace.workbench.release;

import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseLoader;
import com.careplace.placement.facts.PayerRequirementCode;
import com.careplace.placement.PlacementRequestReader;
import com.careplace.workbench.TricareMinimum;
import com.careplace.workbench.rules.BaselineAssets;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleCompiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A release whose table has a cell over several lines: built, loaded by a node, decided, and shown as written. */
class LineBreakReleaseTest {

    private static final String ONE_LINE = "\"if (Answer.yes(\"\"$param\"\")) { insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION)); }\"";
    private static final String THREE_LINES = "\"if (Answer.yes(\"\"$param\"\")) {\n    insert(PayerRequirement.of(PayerRequirementCode.PRIOR_AUTHORIZATION));\n}\"";

    @Test
    void theKjarCarriesTheWorkbookDroolsCompilesAndTheNodeDecidesWithIt() throws IOException {
        List<RuleAsset> assets = BaselineAssets.load().stream().map(a -> a.path().equals(TricareMinimum.TABLE)
                ? new RuleAsset(a.path(), a.text().replace(ONE_LINE, THREE_LINES)) : a).toList();
        String table = assets.stream().filter(a -> a.path().equals(TricareMinimum.TABLE)).findFirst().orElseThrow().text();
        assertThat(table).contains(THREE_LINES);

        byte[] kjar = new RuleCompiler().kjar(assets, "1.0.1");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.add(entry.getName());
            }
        }
        assertThat(entries).contains("com/careplace/rules/payer-requirements.drl.xlsx")
                .doesNotContain("com/careplace/rules/payer-requirements.drl.csv");

        // The node's own loader: rule policy over the workbook, compile, smoke decisions for every payer.
        LoadedRelease loaded = new ReleaseLoader(new DecisionProperties(null, null, null, null, null, null, null, null, null, null, null, null))
                .load(new Release("r-1.0.1", "1.0.1", "test", Instant.EPOCH, "test"), kjar);
        try {
            var decision = loaded.evaluator().evaluate(PlacementRequestReader.read(Map.of("age", 34, "diagnoses", List.of("F10.20"),
                    "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1),
                    "availableHoursPerWeek", 12, "payer", "MEDICAID"), loaded.vocabulary()));
            assertThat(decision.payer().requirements()).extracting(r -> r.code()).contains(PayerRequirementCode.PRIOR_AUTHORIZATION);
        } finally {
            loaded.evaluator().close();
        }

        // Reviewers and traces read the table as its author wrote it, not the workbook's bytes.
        ReleaseSources sources = ReleaseSources.of(kjar);
        assertThat(sources.rule("Payer requirements: Medicaid")).hasValueSatisfying(source -> {
            assertThat(source.path()).isEqualTo("com/careplace/rules/payer-requirements.drl.csv");
            assertThat(source.text()).startsWith("Payer requirements: Medicaid | ELIGIBLE | MEDICAID | yes");
        });
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(sources.zip()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("com/careplace/rules/payer-requirements.drl.csv")) {
                    assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains(THREE_LINES);
                }
            }
        }
    }
}
