package com.careplace.decision.release;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseVersionTest {

    @Test
    void versionsOrderAsNumbersNotAsText() {
        List<String> sorted = Stream.of("1.10.0", "1.9.3", "2.0.0", "1.0.0", "1.9.10")
                .map(ReleaseVersion::parse).sorted().map(ReleaseVersion::text).toList();
        assertThat(sorted).containsExactly("1.0.0", "1.9.3", "1.9.10", "1.10.0", "2.0.0");
        assertThat(ReleaseVersion.parse("1.2.0-rc.1").compareTo(ReleaseVersion.parse("1.2.0"))).isZero();
        assertThat(ReleaseVersion.parse("1.2.3").isBefore(ReleaseVersion.parse("1.3.0"))).isTrue();
    }

    @Test
    void nextVersions() {
        ReleaseVersion current = ReleaseVersion.parse("1.2.3");
        assertThat(List.of(current.nextPatch().text(), current.nextMinor().text(), current.nextMajor().text()))
                .containsExactly("1.2.4", "1.3.0", "2.0.0");
    }

    @Test
    void whatIsNotASemanticVersionIsRefused() {
        for (String bad : new String[] {"next", "1.2", "1.2.3.4", "v1.2.3", "", "99999999999.0.0"}) {
            assertThatThrownBy(() -> ReleaseVersion.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> ReleaseVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
