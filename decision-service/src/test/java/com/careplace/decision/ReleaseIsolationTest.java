package com.careplace.decision;

import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.release.LoadedRelease;
import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseLoader;
import com.careplace.placement.PlacementRequestReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Releases loaded into one JVM, in any order, each decide with their own rules. */
class ReleaseIsolationTest {

    private final ReleaseLoader loader = new ReleaseLoader(new DecisionProperties(null, null, null, null, null, null, null, null, null, null, null, null));

    private String level(String version, byte[] kjar) {
        LoadedRelease loaded = loader.load(new Release(version, version, "-", Instant.now(), "test"), kjar);
        return loaded.evaluator().evaluate(PlacementRequestReader.read(Map.of("age", 34, "diagnoses", List.of("F10.20"),
                "dimensions", Map.of("d1", 1, "d2", 0, "d3", 2, "d4", 1, "d5", 2, "d6", 1),
                "availableHoursPerWeek", 12, "payer", "COMMERCIAL"))).level().code();
    }

    @Test
    void aChangedDecisionTableIsNotMaskedByAnEarlierRelease() throws IOException {
        byte[] baseline;
        try (InputStream in = getClass().getResourceAsStream("/com/careplace/decision/release/baseline-release.kjar")) {
            baseline = in.readAllBytes();
        }
        byte[] changed = TestReleases.d3ModerateCallsForPartialHospitalization("1.1.7");
        assertThat(level("1.0.0", baseline)).isEqualTo("2.1");
        assertThat(level("1.1.7", changed)).isEqualTo("2.5");
        assertThat(level("1.0.0", baseline)).isEqualTo("2.1");
        assertThat(level("1.1.7", changed)).isEqualTo("2.5");
    }
}
