package com.careplace.decision.release;

import com.careplace.decision.base.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes, deploys and serves releases. Publishing and deploying both prove that the release
 * loads and decides first: a release that fails its checks is never stored, nor deployed.
 */
@Service
public class ReleaseService {

    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);

    private final ReleaseStore store;
    private final ReleaseLoader loader;
    private final ActiveRelease active;
    private final MeterRegistry meters;
    private final Clock clock;
    /** Releases loaded on this node by version, for callers pinning one; the active one is among them. */
    private final Map<String, LoadedRelease> loaded = new ConcurrentHashMap<>();

    public ReleaseService(ReleaseStore store, ReleaseLoader loader, ActiveRelease active, MeterRegistry meters) {
        this.store = store;
        this.loader = loader;
        this.active = active;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /**
     * Stores a new immutable release after proving it loads and decides.
     *
     * @throws IllegalArgumentException  when the version is not semantic or already exists
     * @throws ReleaseRejectedException when the kjar does not load or cannot decide
     */
    public Release publish(String version, byte[] kjar, String publishedBy) {
        ReleaseVersion.parse(version); // refuses what is not a semantic version
        if (store.findByVersion(version).isPresent()) {
            throw new IllegalArgumentException("Release " + version + " already exists; releases are immutable");
        }
        Release release = new Release(UUID.randomUUID().toString(), version, Sha256.hex(kjar), clock.instant(), publishedBy);
        LoadedRelease proven = loader.load(release, kjar);
        try {
            store.insert(release, kjar);
        } catch (DuplicateKeyException e) {
            // Another node or operator stored this version between our check and our insert.
            proven.evaluator().close();
            throw new IllegalArgumentException("Release " + version + " already exists; releases are immutable");
        }
        afterCommit(() -> loaded.put(version, proven));
        log.info("Published release {} ({}) by {}", version, release.checksum(), publishedBy);
        return release;
    }

    /**
     * Makes {@code version} the active release of every node: recorded in the deployment history,
     * active here at once, picked up by other nodes at their next poll.
     *
     * @throws UnknownReleaseException   when no such release exists
     * @throws ReleaseRejectedException when it does not load on this node
     */
    public Deployment deploy(String version, String deployedBy) {
        Release release = store.findByVersion(version).orElseThrow(() -> new UnknownReleaseException(version));
        LoadedRelease ready = load(release);
        Deployment deployment = store.recordDeployment(release, deployedBy, clock.instant());
        afterCommit(() -> activate(ready, deployment));
        return deployment;
    }

    /** Brings this node in line with the newest deployment in the store; called by the poller. */
    public void synchronize() {
        Optional<Deployment> newest = store.activeDeployment();
        if (newest.isEmpty()) {
            return;
        }
        Release wanted = newest.get().release();
        Optional<LoadedRelease> current = active.current();
        if (current.isPresent() && current.get().release().id().equals(wanted.id())) {
            return;
        }
        if (active.refused(wanted)) {
            return; // already refused; keep serving the old one rather than rebuilding every poll
        }
        try {
            activate(load(wanted), newest.get());
        } catch (ReleaseRejectedException e) {
            active.failed(wanted, e.getMessage());
            meters.counter("careplace.release.swaps", "result", "refused").increment();
            log.error("Deployed release {} refused on this node, still serving {}: {}", wanted.version(),
                    current.map(c -> c.release().version()).orElse("nothing"), e.getMessage());
        }
    }

    /** The release to decide with: the pinned version when given, else the active one. */
    public LoadedRelease forRequest(String pinnedVersion) {
        if (pinnedVersion == null || pinnedVersion.isBlank()) {
            return active.current().orElseThrow(NoActiveReleaseException::new);
        }
        LoadedRelease cached = loaded.get(pinnedVersion);
        if (cached != null) {
            return cached;
        }
        Release release = store.findByVersion(pinnedVersion).orElseThrow(() -> new UnknownReleaseException(pinnedVersion));
        return load(release);
    }

    /**
     * A stored release's kjar, as published (its SHA-256 is the release's checksum).
     *
     * @throws UnknownReleaseException when no such release exists
     */
    public byte[] kjar(String version) {
        Release release = store.findByVersion(version).orElseThrow(() -> new UnknownReleaseException(version));
        return store.kjar(release.id());
    }

    /** Every stored release. */
    public List<Release> releases() {
        return store.releases();
    }

    public List<Deployment> deployments() {
        return store.deployments();
    }

    private LoadedRelease load(Release release) {
        LoadedRelease cached = loaded.get(release.version());
        if (cached != null) {
            return cached;
        }
        LoadedRelease fresh = loader.load(release, store.kjar(release.id()));
        LoadedRelease raced = loaded.putIfAbsent(release.version(), fresh);
        if (raced != null) {
            fresh.evaluator().close();
            return raced;
        }
        return fresh;
    }

    private synchronized void activate(LoadedRelease ready, Deployment deployment) {
        LoadedRelease previous = active.swap(ready);
        meters.counter("careplace.release.swaps", "result", "swapped").increment();
        log.info("Active release is now {} (deployment {} by {}), was {}", ready.release().version(), deployment.id(),
                deployment.deployedBy(), previous == null ? "none" : previous.release().version());
    }

    /**
     * Runs {@code action} once the surrounding transaction commits (at once without one): a caller's
     * transaction that rolls back after publishing or deploying must leave this node as it was.
     */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

}
