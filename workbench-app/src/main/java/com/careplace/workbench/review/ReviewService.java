package com.careplace.workbench.review;

import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseService;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.ChangeRequestChecks;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.CheckReport;
import com.careplace.workbench.authoring.RuleAsset;
import com.careplace.workbench.authoring.RuleCompiler;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Approves (merging into mainline and building a release) or rejects submitted change requests.
 * Everything happens in one transaction: a release whose compile or suites fail is never stored, and
 * then mainline is not changed either.
 */
@Service
public class ReviewService {

    private final ChangeRequestService changes;
    private final ChangeRequestChecks checks;
    private final RuleCompiler compiler;
    private final ReleaseService releases;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;

    public ReviewService(ChangeRequestService changes, ChangeRequestChecks checks, RuleCompiler compiler,
                         ReleaseService releases, AuditTrail audit, JdbcTemplate jdbc) {
        this.changes = changes;
        this.checks = checks;
        this.compiler = compiler;
        this.releases = releases;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /**
     * Approves a submitted change request: four eyes, merge into mainline, check the merged mainline,
     * build and store the release.
     *
     * @param bump how far the version moves; {@code null} for the default that follows what changed
     */
    @PreAuthorize("hasRole('REVIEWER') and #reviewer == authentication.name")
    @Transactional
    public ApprovedRelease approve(String changeRequestId, String reviewer, String comment, VersionBump bump) {
        List<String> changed = changes.approveAndMerge(changeRequestId, reviewer);
        List<RuleAsset> mainline = changes.mainline().stream().map(a -> new RuleAsset(a.path(), a.text())).toList();
        CheckReport report = checks.check(mainline);
        if (!report.passes()) {
            throw new SubmissionRefusedException(report);
        }
        String version = (bump == null ? VersionBump.defaultFor(changed) : bump).from(latestVersion());
        Release release = releases.publish(version, compiler.kjar(mainline, version), reviewer);
        Instant now = Instant.now();
        jdbc.update("insert into review (id, change_request_id, reviewer, verdict, comment, at) values (?, ?, ?, 'APPROVED', ?, ?)",
                UUID.randomUUID().toString(), changeRequestId, reviewer, comment == null ? "" : comment.strip(), Timestamp.from(now));
        jdbc.update("insert into release_record (release_version, change_request_id, approved_by, scenario_report, at) "
                + "values (?, ?, ?, ?, ?)", version, changeRequestId, reviewer, report.suites().summary(), Timestamp.from(now));
        audit.record(reviewer, "release.publish", version, "from change request " + changeRequestId + ", sha256 " + release.checksum());
        return new ApprovedRelease(release, changed, report);
    }

    /** Rejects a submitted change request back to its author with the comment. */
    @PreAuthorize("hasRole('REVIEWER') and #reviewer == authentication.name")
    @Transactional
    public void reject(String changeRequestId, String reviewer, String comment) {
        changes.rejectToAuthor(changeRequestId, reviewer, comment);
        jdbc.update("insert into review (id, change_request_id, reviewer, verdict, comment, at) values (?, ?, ?, 'REJECTED', ?, ?)",
                UUID.randomUUID().toString(), changeRequestId, reviewer, comment.strip(), Timestamp.from(Instant.now()));
    }

    /** What the workbench recorded of each release it built: change request, approver, scenario report. */
    @PreAuthorize("isAuthenticated()")
    public List<ReleaseRecord> releaseRecords() {
        return jdbc.query("select * from release_record order by at", (rs, n) -> new ReleaseRecord(rs.getString("release_version"),
                rs.getString("change_request_id"), rs.getString("approved_by"), rs.getString("scenario_report"),
                rs.getTimestamp("at").toInstant()));
    }

    private String latestVersion() {
        return releases.releases().stream().map(Release::version).max(Comparator.comparing(ReviewService::numeric))
                .orElse("0.0.0");
    }

    /** A sortable form of a semantic version: {@code 1.10.0} after {@code 1.9.3}. */
    public static String numeric(String version) {
        String[] parts = version.split("[-+]")[0].split("\\.");
        return String.format("%09d.%09d.%09d", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }
}
