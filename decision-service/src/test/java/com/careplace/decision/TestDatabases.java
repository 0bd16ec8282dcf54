package com.careplace.decision;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** Fresh databases for tests: an H2 file under target/, or a new database on the local PostgreSQL. */
public final class TestDatabases {

    /** The PostgreSQL the development and CI machines run (trust auth). */
    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private TestDatabases() {
    }

    /** Spring properties for a new, empty H2 file database. */
    public static Map<String, Object> freshH2() {
        return Map.of("careplace.data-dir", java.nio.file.Path.of("target/test-data", UUID.randomUUID().toString()).toAbsolutePath().toString());
    }

    /** Spring properties for a new, empty PostgreSQL database (dropped by {@link #dropPostgres}). */
    public static Map<String, Object> freshPostgres(String name) {
        execute("drop database if exists " + name + " with (force)");
        execute("create database " + name);
        // The nodes of one installation share its signing key, as the README says to set up.
        return Map.of("spring.datasource.url", POSTGRES + name, "spring.datasource.username", "postgres",
                "spring.datasource.password", "", "careplace.signing.key-file",
                java.nio.file.Path.of("target/test-keys", name, "signing-key.pem").toAbsolutePath().toString());
    }

    public static void dropPostgres(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed by this test (" + e.getMessage()
                    + "); .ci/run starts it, or run: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}
