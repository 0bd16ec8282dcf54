package com.careplace.decision.apikey;

import com.careplace.decision.DecisionServiceApplication;
import com.careplace.decision.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's key commands against a node's database. */
class ApiKeyCommandTest {

    private final String dataDir = "--careplace.data-dir=" + TestDatabases.freshH2().get("careplace.data-dir");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int keys(String... words) {
        out.reset();
        err.reset();
        String[] args = new String[words.length + 1];
        System.arraycopy(words, 0, args, 0, words.length);
        args[words.length] = dataDir;
        return ApiKeyCommand.run(args, DecisionServiceApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void issueListRevoke() throws Exception {
        assertThat(keys("issue", "intake-portal")).isZero();
        String key = out().lines().toList().getLast();
        assertThat(key).startsWith("cpk_").hasSizeGreaterThan(40);

        String url = "jdbc:h2:file:" + dataDir.substring(dataDir.indexOf('=') + 1) + "/careplace";
        try (var db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery("select key_hash from api_key where caller = 'intake-portal'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ApiKeys.hash(key)).isNotEqualTo(key);
        }

        assertThat(keys("list")).isZero();
        assertThat(out()).contains("intake-portal").contains("active").doesNotContain(key);
        assertThat(keys("revoke", "intake-portal")).isZero();
        assertThat(out()).contains("revoked 1 key(s) of intake-portal");
        assertThat(keys("revoke", "intake-portal")).isEqualTo(1);
        assertThat(keys("list")).isZero();
        assertThat(out()).contains("revoked 20");
    }

    @Test
    void badUsageSaysHow() {
        assertThat(keys()).isEqualTo(2);
        assertThat(keys("issue")).isEqualTo(2);
        assertThat(keys("issue", "has space")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: keys issue <caller>");
    }

    /**
     * H2 no longer listens on a port for a second process unless asked, so a command run while the workbench
     * holds {@code ./data} cannot open the database. It says so and what to do, instead of H2's words alone.
     */
    @Test
    void aDatabaseInUseByAnotherProcessIsSaidPlainly() throws Exception {
        String dir = dataDir.substring(dataDir.indexOf('=') + 1);
        String url = "jdbc:h2:file:" + dir + "/careplace";
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
        // Another process holding the database open, as a running workbench does: H2's own shell, waiting on stdin.
        String h2 = java.nio.file.Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process holder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", h2,
                "org.h2.tools.Shell", "-url", url, "-user", "sa").redirectErrorStream(true).start();
        try {
            // The shell greets once it is connected, holding the database's file lock.
            var output = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = output.readLine();
                assertThat(line).as("H2's shell connected").isNotNull();
            } while (!line.contains("Welcome to H2 Shell"));
            assertThat(keys("list")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("The database is in use by another process",
                    "Stop it and run this command again", "--careplace.h2.auto-server=true");
        } finally {
            holder.getOutputStream().close();
            holder.destroy();
            holder.waitFor();
        }
        assertThat(keys("list")).as("once the other process is gone").isZero();
    }
}
