package com.careplace.workbench.release;

import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseService;
import com.careplace.decision.release.ReleaseVersion;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * How each release came to be: review hands an approval here, which publishes the release (the
 * decision service proves it first) and records the change request, approver and scenario report with
 * it. The only code that reads or writes the {@code release_record} table.
 */
@Service
public class ReleaseHistory {

    private final ReleaseService releases;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;

    public ReleaseHistory(ReleaseService releases, AuditTrail audit, JdbcTemplate jdbc) {
        this.releases = releases;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * Publishes the release built from an approved change request, in the approval's transaction.
     *
     * @throws IllegalArgumentException when the version exists or is not semantic
     * @throws com.careplace.decision.release.ReleaseRejectedException when the kjar does not load, breaks the
     *                                  rule policy or cannot decide
     */
    @PreAuthorize("hasRole('REVIEWER') and #approvedBy == authentication.name")
    @Transactional
    public Release publishApproved(String version, byte[] kjar, String changeRequestId, String approvedBy, String scenarioReport) {
        Release release = releases.publish(version, kjar, approvedBy);
        jdbc.update("insert into release_record (release_version, change_request_id, approved_by, scenario_report, at) "
                + "values (?, ?, ?, ?, ?)", version, changeRequestId, approvedBy, scenarioReport, Timestamp.from(Instant.now()));
        audit.record(approvedBy, "release.publish", version, "from change request " + changeRequestId + ", sha256 " + release.checksum());
        return release;
    }

    /** The newest version stored, or {@code 0.0.0} before any. */
    @PreAuthorize("isAuthenticated()")
    public ReleaseVersion latestVersion() {
        return releases.releases().stream().map(Release::semanticVersion).max(ReleaseVersion::compareTo)
                .orElse(ReleaseVersion.parse("0.0.0"));
    }

    /** What the workbench recorded of each release it built: change request, approver, scenario report. */
    @PreAuthorize("isAuthenticated()")
    public List<ReleaseRecord> records() {
        return jdbc.query("select * from release_record order by at", (rs, n) -> new ReleaseRecord(rs.getString("release_version"),
                rs.getString("change_request_id"), rs.getString("approved_by"), rs.getString("scenario_report"),
                rs.getTimestamp("at").toInstant()));
    }
}
