package com.careplace.workbench.review;

import com.careplace.decision.release.Release;
import com.careplace.workbench.rules.ChangeRequestChecks;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleCompiler;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.release.ReleaseHistory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
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
    private final ReleaseHistory history;
    private final JdbcTemplate jdbc;

    public ReviewService(ChangeRequestService changes, ChangeRequestChecks checks, RuleCompiler compiler,
                         ReleaseHistory history, JdbcTemplate jdbc) {
        this.changes = changes;
        this.checks = checks;
        this.compiler = compiler;
        this.history = history;
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
        String version = (bump == null ? VersionBump.defaultFor(changed) : bump).from(history.latestVersion().text());
        Release release = history.publishApproved(version, compiler.kjar(mainline, version), changeRequestId, reviewer,
                report.suites().summary());
        jdbc.update("insert into review (id, change_request_id, reviewer, verdict, comment, at) values (?, ?, ?, 'APPROVED', ?, ?)",
                UUID.randomUUID().toString(), changeRequestId, reviewer, comment == null ? "" : comment.strip(),
                Timestamp.from(Instant.now()));
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
}
