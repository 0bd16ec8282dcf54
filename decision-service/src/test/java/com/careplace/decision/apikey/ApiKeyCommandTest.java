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

        // Every command that changed something is in the operator log, with the operating-system user.
        try (var db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery("select os_user, command, subject, outcome from operator_action order by id")) {
            java.util.List<String> actions = new java.util.ArrayList<>();
            while (rs.next()) {
                actions.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + ": " + rs.getString(4));
            }
            String user = System.getProperty("user.name");
            assertThat(actions).containsExactly(user + " keys issue intake-portal: done",
                    user + " keys revoke intake-portal: revoked 1 key(s)", user + " keys revoke intake-portal: revoked 0 key(s)");
        }
    }

    @Test
    void publishingNeedsTheSigningKeyAndIsInTheOperatorLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        java.nio.file.Path kjar = temp.resolve("rules.jar");
        java.nio.file.Files.write(kjar, com.careplace.decision.TestReleases.d3ModerateCallsForPartialHospitalization("1.1.0"));
        String[] publish = {"publish", "1.1.0", kjar.toString(), dataDir, "--careplace.signing.key-file=" + temp.resolve("absent.pem")};
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = com.careplace.decision.release.ReleaseCommand.run(publish, DecisionServiceApplication.class,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("No signing key at", "careplace.signing.key-file");
        String url = "jdbc:h2:file:" + dataDir.substring(dataDir.indexOf('=') + 1) + "/careplace";
        try (var db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery("select count(*) from release where version = '1.1.0'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("nothing published without the key").isZero();
        }
        try (var db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery("select command, outcome from operator_action")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("releases publish");
            assertThat(rs.getString(2)).startsWith("refused: No signing key at");
        }
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
