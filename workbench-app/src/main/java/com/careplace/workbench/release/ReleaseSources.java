package com.careplace.workbench.release;

import com.careplace.workbench.rules.DecisionTableDraft;
import com.careplace.workbench.rules.SpreadsheetImport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The rule sources inside a release's kjar (a classic kjar carries its DRL and decision tables), and
 * the text of one rule among them.
 */
final class ReleaseSources {

    private final Map<String, String> sources;

    private ReleaseSources(Map<String, String> sources) {
        this.sources = sources;
    }

    static ReleaseSources of(byte[] kjar) {
        Map<String, String> sources = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(kjar))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.endsWith(".drl.xlsx")) {
                    // a table whose cells break lines goes into the kjar as a workbook: shown as the text authors wrote
                    String text;
                    try {
                        text = SpreadsheetImport.textOf(zip.readAllBytes());
                    } catch (IllegalArgumentException unreadable) {
                        text = "(this table could not be read back from the release: " + unreadable.getMessage() + ")";
                    }
                    sources.put(name.substring(0, name.length() - ".drl.xlsx".length()) + ".drl.csv", text);
                } else if (!entry.isDirectory() && (name.endsWith(".drl") || name.endsWith(".drl.csv")
                        || name.endsWith("kmodule.xml") || name.endsWith("pom.xml"))) {
                    sources.put(name, new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReleaseSources(sources);
    }

    /** The sources as a zip, for download. */
    byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> source : sources.entrySet()) {
                zip.putNextEntry(new ZipEntry(source.getKey()));
                zip.write(source.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The source of the rule named {@code rule}: its DRL block, or its decision-table row; with the file it is in. */
    Optional<RuleSource> rule(String rule) {
        Pattern drlRule = Pattern.compile("(?ms)^\\s*rule\\s+\"" + Pattern.quote(rule) + "\".*?^\\s*end\\s*$");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (source.getKey().endsWith(".drl")) {
                Matcher matcher = drlRule.matcher(source.getValue());
                if (matcher.find()) {
                    return Optional.of(new RuleSource(source.getKey(), matcher.group().strip()));
                }
            } else if (source.getKey().endsWith(".drl.csv")) {
                for (DecisionTableDraft.RuleTable table : DecisionTableDraft.parse(source.getValue()).tables()) {
                    int name = table.kinds().stream().map(String::strip).toList().indexOf("NAME");
                    for (var row : table.rows()) {
                        if (name >= 0 && name < row.size() && row.get(name).strip().equals(rule)) {
                            return Optional.of(new RuleSource(source.getKey(), String.join(" | ", row).strip()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Where a rule is written and what it says. */
    record RuleSource(String path, String text) {
    }
}
