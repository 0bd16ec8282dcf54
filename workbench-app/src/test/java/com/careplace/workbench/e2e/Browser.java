package com.careplace.workbench.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Debian Chromium driven by Playwright, quiet on a closed network; screenshots land in
 * {@code target/screenshots} for people to look at. Every page reports what the Content-Security-Policy
 * blocked, and {@link #close()} fails the test when anything was: each end-to-end test also proves the
 * workbench works under its policy.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** Runs before any page script (Playwright injects it past the CSP): the browser's own violation reports, to the console. */
    private static final String REPORT_CSP_VIOLATIONS = """
            document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: '
                + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));""";

    private final List<String> cspViolations = new CopyOnWriteArrayList<>();
    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        // Checks compile and run suites on a shared 2-core machine: allow for it rather than flake.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // Playwright gives each launch a fresh, empty profile of its own.
        this.chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromiumPath())
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh browser context (its own cookies: one signed-in person) with a page at the sign-in screen, signed in. */
    Page signIn(String username, String password) {
        Page page = signInScreen();
        submitSignIn(page, username, password);
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    /** A fresh browser context with a page at the sign-in screen, nobody signed in (CSP violations reported). */
    Page signInScreen() {
        return open("/login");
    }

    /** Fills in the sign-in form and submits it; the page goes where Spring Security's answer leads. */
    static void submitSignIn(Page page, String username, String password) {
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.locator("vaadin-button[slot=submit]").click();
    }

    /** A fresh browser context (no one signed in) with a page at {@code path}. */
    Page open(String path) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 900));
        context.addInitScript(REPORT_CSP_VIOLATIONS);
        Page page = context.newPage();
        // One message per violation, from the listener above (Chromium's own "Refused to …" line says the same again).
        page.onConsoleMessage(message -> {
            if (message.text().startsWith("CSP violation")) {
                cspViolations.add(page.url() + ": " + message.text());
            }
        });
        page.setDefaultTimeout(60_000);
        page.navigate(baseUrl + path);
        return page;
    }

    /** What the Content-Security-Policy blocked on any page of this browser so far. */
    List<String> cspViolations() {
        return List.copyOf(cspViolations);
    }

    /** The same, forgotten afterwards: for a test that provokes a violation on purpose. */
    List<String> takeCspViolations() {
        List<String> taken = cspViolations();
        cspViolations.removeAll(taken);
        return taken;
    }

    /** The button named exactly {@code name}. */
    static com.microsoft.playwright.Locator button(Page page, String name) {
        return page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static void screenshot(Page page, String name) {
        // Not while Vaadin's loading bar shows a round trip (a resize makes one): idle, it has none of its stage classes
        // and has faded out. Bounded: a screen that keeps loading is still worth a picture.
        try {
            page.waitForFunction("() => { const bar = document.querySelector('.v-loading-indicator');"
                    + " return !bar || (!/\\b(first|second|third)\\b/.test(bar.className) && getComputedStyle(bar).opacity === '0'); }",
                    null, new Page.WaitForFunctionOptions().setTimeout(5_000));
        } catch (com.microsoft.playwright.TimeoutError stillLoading) {
            org.slf4j.LoggerFactory.getLogger(Browser.class).info("Screenshot {} taken while the screen was still loading", name);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    /** The screen as a person sees it on a laptop (1440x900) and on a small screen (1024x768). */
    static void screenshotAtBothSizes(Page page, String name) {
        for (int[] size : new int[][] {{1440, 900}, {1024, 768}}) {
            page.setViewportSize(size[0], size[1]);
            page.waitForFunction("width => window.innerWidth === width", size[0]);
            screenshot(page, name + "-" + size[0]);
        }
        page.setViewportSize(1400, 900);
    }

    private static Path chromiumPath() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("No Chromium found: install Debian's chromium package (.ci/run does)");
    }

    /** Closes the browser; then fails when the Content-Security-Policy blocked anything on its pages. */
    @Override
    public void close() {
        chromium.close();
        playwright.close();
        if (!cspViolations.isEmpty()) {
            throw new AssertionError("The Content-Security-Policy blocked what the pages needed:\n" + String.join("\n", cspViolations));
        }
    }
}
