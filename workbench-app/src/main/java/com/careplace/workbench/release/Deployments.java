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
        String active = deployments.isEmpty() ? null : deployments.getLast().release().version();
        return releases.releases().stream()
                .sorted(Comparator.comparing(Release::semanticVersion).reversed())
                .map(r -> {
                    ReleaseRecord record = records.get(r.version());
                    Deployment last = deployments.stream().filter(d -> d.release().version().equals(r.version()))
                            .reduce((a, b) -> b).orElse(null);
                    return new ReleaseEntry(r.version(), r.checksum(), r.createdAt(), r.createdBy(),
                            record == null ? null : record.changeRequestId(),
                            record == null ? "Baseline placement rules (release 1.0.0)" : changes.changeRequest(record.changeRequestId()).title(),
                            record == null ? "" : record.scenarioReport(), r.version().equals(active),
                            last == null ? null : last.deployedAt(), last == null ? null : last.deployedBy());
                }).toList();
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
        List<Deployment> deployments = releases.deployments();
        String active = deployments.isEmpty() ? null : deployments.getLast().release().version();
        if (version.equals(active)) {
            throw new IllegalStateException("Release " + version + " is already active");
        }
        releases.deploy(version, by);
        boolean rollback = active != null && ReleaseVersion.parse(version).isBefore(ReleaseVersion.parse(active));
        audit.record(by, rollback ? "release.rollback" : "release.deploy", version, "was " + active);
    }

    /** The release's kjar as stored (checksum as listed): a Drools 10 application can load it. */
    @PreAuthorize("isAuthenticated()")
    public byte[] kjar(String version) {
        return releases.kjar(version);
    }

    /** The release's rule sources (DRL, decision tables, kmodule.xml) as a zip. */
    @PreAuthorize("isAuthenticated()")
    public byte[] sources(String version) {
        return ReleaseSources.of(kjar(version)).zip();
    }
}
