package com.careplace.workbench.review;

import com.careplace.decision.release.Release;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.workbench.authoring.SubmissionRefusedException;
import com.careplace.workbench.release.ReleaseHistory;
import com.careplace.workbench.rules.ChangeRequestChecks;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.RuleAsset;
import com.careplace.workbench.rules.RuleCompiler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Approves (merging into mainline and building a release) or rejects submitted change requests, under
 * four eyes. Everything happens in one transaction: a release whose compile or suites fail is never
 * stored, and then mainline is not changed either. The verdict is kept here, once.
 */
@Service
public class ReviewService {

    private final ChangeRequestService changes;
    private final FourEyes fourEyes;
    private final Verdicts verdicts;
    private final ChangeRequestChecks checks;
    private final RuleCompiler compiler;
    private final ReleaseHistory history;
    private final AuditTrail audit;
    private final CallerCompatibility compatibility;
    private final Clock clock = Clock.systemUTC();

    ReviewService(ChangeRequestService changes, FourEyes fourEyes, Verdicts verdicts, ChangeRequestChecks checks,
                  RuleCompiler compiler, ReleaseHistory history, AuditTrail audit, CallerCompatibility compatibility) {
        this.changes = changes;
        this.fourEyes = fourEyes;
        this.verdicts = verdicts;
        this.checks = checks;
        this.compiler = compiler;
        this.history = history;
        this.audit = audit;
        this.compatibility = compatibility;
    }

    /**
     * Approves a submitted change request: four eyes, merge into mainline, check the merged mainline,
     * build and store the release.
     *
     * @param bump how far the version moves; {@code null} for the default that follows what changed
     * @param seen the change request's {@link ChangeRequestService#stamp stamp} when the reviewer's screen showed it
     * @throws FourEyesException         when the reviewer opened, edited or submitted it
     * @throws ChangedSinceSeenException when anything in it changed after the reviewer's screen showed it
     * @throws IllegalStateException     when it is not submitted, or mainline moved under it
     */
    @PreAuthorize("hasRole('REVIEWER') and #reviewer == authentication.name")
    @Transactional
    public ApprovedRelease approve(String changeRequestId, String reviewer, String comment, VersionBump bump, String seen) {
        ChangeRequest request = changes.lockForVerdict(changeRequestId);
        fourEyes.require(request, reviewer);
        requireSeen(request, seen);
        String text = comment == null ? "" : comment.strip();
        require("comment", text, false);
        // Before the merge: what callers are served now against what this change request makes of it
        boolean breaksCallers = compatibility.breaksCallers(changeRequestId);
        List<String> changed = changes.merge(changeRequestId);
        List<RuleAsset> mainline = changes.mainline().stream().map(a -> new RuleAsset(a.path(), a.text())).toList();
        CheckReport report = checks.check(mainline);
        if (!report.passes()) {
            throw new SubmissionRefusedException(report);
        }
        String version = (bump == null ? VersionBump.defaultFor(changed, breaksCallers) : bump).from(history.latestVersion().text());
        Release release = history.publishApproved(version, compiler.kjar(mainline, version), changeRequestId, reviewer,
                report.suites().summary());
        verdicts.record(new Verdict(changeRequestId, reviewer, true, text, clock.instant()));
        audit.record(reviewer, "change-request.approve", changeRequestId, request.title());
        return new ApprovedRelease(release, changed, report);
    }

    /**
     * Sends a submitted change request back to its author with the comment.
     *
     * @throws FourEyesException        when the reviewer opened, edited or submitted it (authors withdraw, they do not review)
     * @throws IllegalArgumentException when the comment is missing or too long
     * @throws IllegalStateException    when it is not submitted
     */
    @PreAuthorize("hasRole('REVIEWER') and #reviewer == authentication.name")
    @Transactional
    public void reject(String changeRequestId, String reviewer, String comment, String seen) {
        ChangeRequest request = changes.lockForVerdict(changeRequestId);
        fourEyes.require(request, reviewer);
        requireSeen(request, seen);
        String text = comment == null ? "" : comment.strip();
        require("comment", text, true);
        changes.sendBack(changeRequestId);
        verdicts.record(new Verdict(changeRequestId, reviewer, false, text, clock.instant()));
        audit.record(reviewer, "change-request.reject", changeRequestId, text);
    }

    /** Whether four eyes let {@code reviewer} decide on the change request (the screen offers only what this allows). */
    @PreAuthorize("isAuthenticated()")
    public boolean mayReview(String changeRequestId, String reviewer) {
        return fourEyes.allows(changeRequestId, reviewer);
    }

    /** The latest verdict on a change request; empty while none was given. */
    @PreAuthorize("isAuthenticated()")
    public Optional<Verdict> latestVerdict(String changeRequestId) {
        return verdicts.latest(changeRequestId);
    }

    /** Checked under the change request's lock: nothing can change between this and the verdict. */
    private void requireSeen(ChangeRequest request, String seen) {
        if (seen == null || !seen.equals(changes.stamp(request.id()))) {
            throw new ChangedSinceSeenException(request);
        }
    }

    private static void require(String field, String value, boolean required) {
        if (required && value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.length() > 4000) {
            throw new IllegalArgumentException(field + " must be at most 4000 characters");
        }
    }
}
