package com.careplace.workbench.release;

import com.careplace.decision.base.Sha256;
import com.careplace.decision.release.ReleaseService;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** What someone with database access alone can do: copy a release's kjar into a new, unsigned release and deploy it. */
public final class SmuggledRelease {

    private SmuggledRelease() {
    }

    /** Writes {@code version} (1.0.0's kjar) and its deployment straight into the tables, then lets the node look. */
    public static void write(JdbcTemplate jdbc, ReleaseService releases, String version) {
        byte[] kjar = releases.kjar("1.0.0");
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into release (id, version, kjar, checksum, created_at, created_by) values (?, ?, ?, ?, ?, 'db')",
                id, version, kjar, Sha256.hex(kjar), Timestamp.from(Instant.now()));
        jdbc.update("insert into deployment (release_id, deployed_at, deployed_by) values (?, ?, 'db')", id, Timestamp.from(Instant.now()));
        releases.synchronize();
    }
}
