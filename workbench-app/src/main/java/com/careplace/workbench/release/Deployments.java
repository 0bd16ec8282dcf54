package com.careplace.workbench.release;

import com.careplace.decision.release.Deployment;
import com.careplace.decision.release.Release;
import com.careplace.decision.release.ReleaseService;
import com.careplace.decision.release.UnknownReleaseException;
import com.careplace.workbench.audit.AuditTrail;
import com.careplace.workbench.authoring.ChangeRequestService;
import com.careplace.decision.release.ReleaseVersion;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Releases as people handle them: which exist and how they came to be, which is active since when and
 * by whom; deploying one (a rollback when it is older than the active one); downloading its kjar and sources.
 */
@Service
public class Deployments {

    private final ReleaseService releases;
    private final ReleaseHistory history;
    private final ChangeRequestService changes;
    private final AuditTrail audit;

    public Deployments(ReleaseService releases, ReleaseHistory history, ChangeRequestService changes, AuditTrail audit) {
        this.releases = releases;
        this.history = history;
        this.changes = changes;
        this.audit = audit;
    }

    /** Every release, newest version first. */
    @PreAuthorize("isAuthenticated()")
    public List<ReleaseEntry> catalog() {
        Map<String, ReleaseRecord> records = history.records().stream()
                .collect(Collectors.toMap(ReleaseRecord::version, Function.identity()));
        List<Deployment> deployments = releases.deployments();
        // What this node serves: a refused deployment is not active, whatever the newest row says.
        String active = releases.serving().map(Release::version).orElse(null);
        return releases.releases().stream()
                .sorted(Comparator.comparing(Release::semanticVersion).reversed())
                .map(r -> {
                    ReleaseRecord record = records.get(r.version());
                    Deployment last = deployments.stream().filter(d -> d.release().version().equals(r.version()))
                            .reduce((a, b) -> b).orElse(null);
                    return new ReleaseEntry(r.version(), r.checksum(), r.createdAt(), r.createdBy(),
                            record == null ? null : record.changeRequestId(),
                            record != null ? changes.changeRequest(record.changeRequestId()).title()
                                    : r.version().equals("1.0.0") && "system".equals(r.createdBy()) ? "Baseline placement rules (release 1.0.0)"
                                    : "No approval in the workbench (published by " + r.createdBy() + ")",
                            record == null ? "" : record.scenarioReport(), r.version().equals(active),
                            last == null ? null : last.deployedAt(), last == null ? null : last.deployedBy(),
                            releases.integrityProblem(r).orElse(null));
                }).toList();
    }

    /** Why this node refused the newest deployment (and still serves the one before); empty when it follows it. */
    @PreAuthorize("isAuthenticated()")
    public Optional<String> refusal() {
        return releases.refusal();
    }

    /**
     * Makes {@code version} the active release on every decision-service node. Deploying an older
     * release than the active one is a rollback, and is recorded as one.
     *
     * @throws UnknownReleaseException when no such release exists
     */
    @PreAuthorize("hasRole('DEPLOYER') and #by == authentication.name")
    @Transactional
    public void deploy(String version, String by) {
        String active = releases.serving().map(Release::version).orElse(null);
        if (version.equals(active)) {
            throw new IllegalStateException("Release " + version + " is already active");
        }
        releases.deploy(version, by);
        boolean rollback = active != null && ReleaseVersion.parse(version).isBefore(ReleaseVersion.parse(active));
        audit.record(by, rollback ? "release.rollback" : "release.deploy", version, "was " + active);
    }

    /** The release's kjar as stored (checksum as listed): a Drools 10 application can load it. Audited. */
    @PreAuthorize("isAuthenticated() and #by == authentication.name")
    public byte[] kjar(String version, String by) {
        byte[] kjar = releases.kjar(version);
        audit.record(by, "release.download", version, "kjar");
        return kjar;
    }

    /** The release's rule sources (DRL, decision tables, kmodule.xml) as a zip. Audited. */
    @PreAuthorize("isAuthenticated() and #by == authentication.name")
    public byte[] sources(String version, String by) {
        byte[] zip = ReleaseSources.of(releases.kjar(version)).zip();
        audit.record(by, "release.download", version, "sources");
        return zip;
    }
}
