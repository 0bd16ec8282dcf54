package com.careplace.workbench.e2e;

import com.careplace.decision.release.ReleaseService;
import com.careplace.workbench.release.SmuggledRelease;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What governance looks like to the people who rely on it, in a real browser: a release written into the
 * database is refused and the Releases screen says so; an auditor downloads a signed checkpoint of the
 * audit trail and later verifies the trail against it.
 */
class GovernanceE2ETest extends RunningWorkbench {

    @Autowired
    ReleaseService releases;

    @Test
    void aSmuggledReleaseIsShownRefusedAndACheckpointVerifies() throws Exception {
        SmuggledRelease.write(jdbc, releases, "9.0.0");

        try (Browser browser = new Browser(baseUrl())) {
            Page morgan = browser.signIn("morgan", "morgan-demo-password");
            morgan.navigate(baseUrl() + "/releases");
            assertThat(morgan.locator(".node-refusal")).containsText("This node refused the newest deployment and still serves release 1.0.0");
            assertThat(morgan.locator(".node-refusal")).containsText("Release 9.0.0 is not signed");
            assertThat(morgan.locator(".integrity-badge")).hasText("refused by nodes");
            Browser.screenshotAtBothSizes(morgan, "governance-01-release-refused");

            morgan.navigate(baseUrl() + "/audit");
            Download download = morgan.waitForDownload(() -> morgan.getByText("Download signed checkpoint").click());
            Path checkpoint = Files.createTempFile("checkpoint", ".txt");
            download.saveAs(checkpoint);
            assertThat(Files.readString(checkpoint)).startsWith("format: careplace-audit-checkpoint-v1").contains("signature: ");
            morgan.locator(".checkpoint-upload input[type=file]").setInputFiles(checkpoint);
            assertThat(morgan.locator(".chain-check")).containsText("Checkpoint holds");
            Browser.screenshotAtBothSizes(morgan, "governance-02-checkpoint-verified");
        }
    }
}
