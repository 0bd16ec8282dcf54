package com.careplace.workbench.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** The DRL editor in Chromium: DRL coloured, and fact types and vocabulary entries completed as they are typed. */
class DrlEditorE2ETest extends RunningWorkbench {

    @Test
    void keywordsAndFactTypesAreColouredAndCompleted() {
        try (Browser browser = new Browser(baseUrl())) {
            Page page = browser.signIn("dana", "dana-demo-password");
            AuthorSteps.openChangeRequest(page, "Completion", "Trying the editor");
            AuthorSteps.confirmOpen(page, "Completion");
            AuthorSteps.openAsset(page, "Placement", "DRL rules");
            assertThat(page.locator(".code-editor .highlight .kw").first()).hasText("package");
            assertThat(page.locator(".code-editor .highlight .type", new Page.LocatorOptions().setHasText("Assessment")).first()).isVisible();
            assertThat(page.locator(".code-editor .highlight .com").first()).containsText("Placement rules P1-P4");

            Locator drl = page.locator(".code-editor textarea").last();
            drl.focus();
            drl.press("Control+End");
            drl.pressSequentially("\nrule \"Medicare Advantage review\"\nwhen\n    Asse");
            Locator completions = page.locator(".code-editor .completions");
            assertThat(completions).isVisible();
            assertThat(completions.locator(".completion.active")).hasText("Assessment");
            drl.press("Enter");
            drl.pressSequentially("( payer == Payer.of");
            assertThat(completions.locator(".completion").first()).hasText("Payer.of(\"MEDICARE\")");
            Browser.screenshotAtBothSizes(page, "48-drl-completion");
            drl.press("ArrowDown");
            drl.press("Tab");
            assertThat(drl).hasValue(Pattern.compile("when\\n    Assessment\\( payer == Payer\\.of\\(\"MEDICAID\"\\)$"));
            assertThat(completions).isHidden();
            assertThat(page.locator(".asset-cell", new Page.LocatorOptions().setHasText("unsaved"))).hasCount(1);
        }
    }
}
