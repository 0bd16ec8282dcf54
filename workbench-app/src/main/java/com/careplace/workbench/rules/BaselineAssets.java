package com.careplace.workbench.rules;

import com.careplace.scenario.ScenarioSuiteReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The rule assets of release 1.0.0, read from the kjar the decision service bundles: what the workbench imports first. */
public final class BaselineAssets {

    private static final String KJAR = "/com/careplace/decision/release/baseline-release.kjar";
    private static final String RULES = "com/careplace/rules/";

    private BaselineAssets() {
    }

    /** Every DRL file, decision table and vocabulary file of 1.0.0, and the scenario suites that prove them, by path. */
    public static List<RuleAsset> load() {
        List<RuleAsset> assets = new ArrayList<>(ruleSources());
        ScenarioSuiteReader.bundledSources().forEach((name, text) -> assets.add(new RuleAsset(RuleAsset.SCENARIOS + name, text)));
        assets.sort(Comparator.comparing(RuleAsset::path));
        return assets;
    }

    /** The DRL files, decision tables and vocabulary files of 1.0.0: what its kjar holds besides classes. */
    public static List<RuleAsset> ruleSources() {
        try (InputStream in = BaselineAssets.class.getResourceAsStream(KJAR)) {
            if (in == null) {
                throw new IllegalStateException("The bundled 1.0.0 kjar is missing: " + KJAR);
            }
            return read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kjar's {@code kmodule.xml}: every build of the workbench uses the same KieBase layout as 1.0.0. */
    public static String kmodule() {
        try (InputStream in = BaselineAssets.class.getResourceAsStream(KJAR);
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("META-INF/kmodule.xml")) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            throw new IllegalStateException("The bundled kjar has no META-INF/kmodule.xml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RuleAsset> read(byte[] kjar) throws IOException {
        List<RuleAsset> assets = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                RuleAsset asset = new RuleAsset(entry.getName(), "");
                if (entry.getName().startsWith(RULES) && asset.isRuleSource() || asset.kind() == RuleAsset.Kind.VOCABULARY) {
                    assets.add(new RuleAsset(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        assets.sort(Comparator.comparing(RuleAsset::path));
        return assets;
    }
}
