package com.careplace.workbench;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.nio.file.Path;
import java.util.UUID;

/** A new, empty H2 file database for a test context. */
public final class FreshDatabase {

    private FreshDatabase() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        // Chosen once: the supplier is asked at every lookup, and the database and the key files must share one folder.
        String dataDir = Path.of("target/test-data", UUID.randomUUID().toString()).toAbsolutePath().toString();
        registry.add("careplace.data-dir", () -> dataDir);
    }
}
