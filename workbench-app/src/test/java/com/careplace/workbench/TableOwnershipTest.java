package com.careplace.workbench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each module reads and writes only its own tables; others ask it through its API. Checked over the
 * SQL in the main code of the decision service and the workbench (which embeds it): a table named in a
 * string of another module's code fails this test.
 */
class TableOwnershipTest {

    private static final String DECISION = "com.careplace.decision.";
    private static final String WORKBENCH = "com.careplace.workbench.";

    /** Every table and the one package that may name it. A new table needs an entry here. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("release", DECISION + "release"),
            entry("deployment", DECISION + "release"),
            entry("node_status", DECISION + "release"),
            entry("decision_log", DECISION + "decisionlog"),
            entry("api_key", DECISION + "apikey"),
            entry("cds_feedback", DECISION + "cdshooks"),
            entry("operator_action", DECISION + "base"),
            entry("app_user", WORKBENCH + "account"),
            entry("sign_in_throttle", WORKBENCH + "account"),
            entry("audit_entry", WORKBENCH + "audit"),
            entry("audit_head", WORKBENCH + "audit"),
            entry("change_request", WORKBENCH + "authoring"),
            entry("change_request_asset", WORKBENCH + "authoring"),
            entry("rule_asset", WORKBENCH + "authoring"),
            entry("asset_version", WORKBENCH + "authoring"),
            entry("mainline_asset", WORKBENCH + "authoring"),
            entry("offered_case", WORKBENCH + "authoring"),
            entry("table_workbook", WORKBENCH + "authoring"),
            entry("review", WORKBENCH + "review"),
            entry("release_record", WORKBENCH + "release"));

    private static final List<Path> SOURCES = List.of(Path.of("../decision-service/src/main/java"), Path.of("src/main/java"));
    private static final List<Path> MIGRATIONS = List.of(Path.of("../decision-service/src/main/resources/db/migration"),
            Path.of("src/main/resources/db/migration"));
    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_REFERENCE = Pattern.compile(
            "\\b(?:from|into|update|join|table|exists)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile("create table ([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableHasAnOwningModule() {
        Set<String> tables = new TreeSet<>();
        for (Path migrations : MIGRATIONS) {
            for (Path file : files(migrations, ".sql")) {
                Matcher created = CREATE_TABLE.matcher(read(file));
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase());
                }
            }
        }
        assertThat(tables).isEqualTo(new TreeSet<>(OWNERS.keySet()));
    }

    @Test
    void onlyTheOwningModuleNamesATableInItsSql() {
        List<String> trespasses = new ArrayList<>();
        for (Path root : SOURCES) {
            for (Path file : files(root, ".java")) {
                String packageName = root.relativize(file.getParent()).toString().replace('/', '.');
                trespasses.addAll(trespasses(packageName, file.getFileName().toString(), read(file)));
            }
        }
        assertThat(trespasses).isEmpty();
    }

    @Test
    void aTrespassIsFound() {
        assertThat(trespasses("com.careplace.workbench.review", "ImpactAnalysis.java",
                "jdbc.queryForList(\"select id, request_json from decision_log order by id desc\");"))
                .containsExactly("com.careplace.workbench.review.ImpactAnalysis.java names decision_log, which belongs to "
                        + "com.careplace.decision.decisionlog");
        assertThat(trespasses("com.careplace.decision.decisionlog", "DecisionLog.java",
                "jdbc.query(\"select * from decision_log where id = ?\")")).isEmpty();
    }

    private static List<String> trespasses(String packageName, String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher string = STRING.matcher(source);
        while (string.find()) {
            String text = string.group(1) != null ? string.group(1) : string.group(2);
            Matcher reference = TABLE_REFERENCE.matcher(text);
            while (reference.find()) {
                String table = reference.group(1).toLowerCase();
                String owner = OWNERS.get(table);
                if (owner != null && !(packageName.equals(owner) || packageName.startsWith(owner + "."))) {
                    found.add(packageName + "." + file + " names " + table + ", which belongs to " + owner);
                }
            }
        }
        return found;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
