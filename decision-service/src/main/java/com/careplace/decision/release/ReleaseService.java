package com.careplace.decision.release;

import com.careplace.decision.base.DecisionProperties;
import com.careplace.decision.base.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes, deploys and serves releases. Publishing and deploying both prove that the release
 * loads and decides first: a release that fails its checks is never stored, nor deployed.
 */
@Service
public class ReleaseService {

    private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);
    private static final Duration MIN_PEER_FRESHNESS = Duration.ofSeconds(15);

    private final ReleaseStore store;
    private final ReleaseLoader loader;
    private final ReleaseSignatures signatures;
    private final ActiveRelease active;
    private final MeterRegistry meters;
    private final Clock clock;
    /** Releases loaded on this node by version, for callers pinning one; the active one is among them. */
    private final Map<String, LoadedRelease> loaded = new ConcurrentHashMap<>();
    /** The highest deployment this node followed: deleting newer rows cannot roll it back. */
    private final AtomicLong newestActivated = new AtomicLong();

    private final NodeStatus nodes;
    /** How recent another node's report must be to count; a few polls, so one slow poll does not flap it. */
    private final Duration peerFreshness;

    ReleaseService(ReleaseStore store, ReleaseLoader loader, ReleaseSignatures signatures, ActiveRelease active, MeterRegistry meters,
                   NodeStatus nodes, DecisionProperties properties) {
        this.store = store;
        this.signatures = signatures;
        this.loader = loader;
        this.active = active;
        this.meters = meters;
        this.nodes = nodes;
        this.clock = Clock.systemUTC();
        Duration threePolls = properties.deploymentPoll().multipliedBy(3);
        this.peerFreshness = threePolls.compareTo(MIN_PEER_FRESHNESS) > 0 ? threePolls : MIN_PEER_FRESHNESS;
    }

    /**
     * Stores a new immutable release after proving it loads and decides, signed with the installation's
     * key. Callers are approval (the workbench's release module) and operators holding the key.
     *
     * @throws IllegalArgumentException  when the version is not semantic or already exists
     * @throws ReleaseRejectedException when the kjar does not load or cannot decide
     * @throws IllegalStateException     when this process holds no signing key
     */
    public Release publish(String version, byte[] kjar, String publishedBy) {
        ReleaseVersion.parse(version); // refuses what is not a semantic version
        if (store.findByVersion(version).isPresent()) {
            throw new IllegalArgumentException("Release " + version + " already exists; releases are immutable");
        }
        // Microseconds: what the database keeps, so the signed text reads back the same.
        Release release = new Release(UUID.randomUUID().toString(), version, Sha256.hex(kjar),
                clock.instant().truncatedTo(ChronoUnit.MICROS), publishedBy);
        String signature = signatures.sign(release);
        LoadedRelease proven = loader.load(release, kjar);
        try {
            store.insert(release, kjar, signature);
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
        Deployment deployment = store.recordDeployment(release, deployedBy, clock.instant().truncatedTo(ChronoUnit.MICROS),
                signatures::sign);
        afterCommit(() -> activate(ready, deployment));
        return deployment;
    }

    /**
     * Brings this node in line with the newest deployment in the store, then reports what it serves to the
     * other nodes and learns whether one of them serves a release this node refused; called by the poller.
     */
    public void synchronize() {
        follow();
        nodes.report(serving().map(Release::id).orElse(null));
        active.anotherNodeServesRefused(active.refusedRelease()
                .map(refused -> nodes.anotherNodeServes(refused.id(), peerFreshness)).orElse(false));
    }

    private void follow() {
        Optional<Deployment> newest = store.activeDeployment();
        if (newest.isEmpty()) {
            return;
        }
        Deployment deployment = newest.get();
        Release wanted = deployment.release();
        Optional<LoadedRelease> current = active.current();
        if (current.isPresent() && current.get().release().id().equals(wanted.id())) {
            active.following(); // e.g. redeployed after a refusal: nothing is refused any more
            return;
        }
        if (active.refused(deployment)) {
            return; // already refused; keep serving the old one rather than rebuilding every poll
        }
        try {
            String unsigned = signatures.problem(deployment, store.signatureOf(deployment));
            if (unsigned != null) {
                throw new ReleaseRejectedException(unsigned, null);
            }
            if (!activate(load(wanted), deployment)) {
                // Signed rows cannot be forged, but newer ones can be deleted to bring an old release back.
                throw new ReleaseRejectedException("The deployment history went backwards: the newest deployment is "
                        + deployment.id() + " but this node already followed deployment " + newestActivated.get()
                        + "; deployments were deleted from the database", null);
            }
        } catch (ReleaseRejectedException e) {
            active.failed(deployment, e.getMessage());
            meters.counter("careplace.release.swaps", "result", "refused").increment();
            log.error("Deployed release {} refused on this node, still serving {}: {}", wanted.version(),
                    current.map(c -> c.release().version()).orElse("nothing"), e.getMessage());
        }
    }

    /**
     * A release this node holds already (the active one when {@code version} is blank), without loading
     * anything: for descriptions, which must not make a node build releases on anyone's request.
     */
    public Optional<LoadedRelease> held(String version) {
        return version == null || version.isBlank() ? active.current() : Optional.ofNullable(loaded.get(version));
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
        return store.kjar(release.id()).kjar();
    }

    /**
     * Why no node would load this stored release (its signature or checksum does not hold), or empty
     * when they hold: what the Releases screen shows beside each release.
     */
    public Optional<String> integrityProblem(Release release) {
        ReleaseStore.Stored stored = store.kjar(release.id());
        return Optional.ofNullable(integrityProblem(release, stored));
    }

    /** The same for a deployment: a row a deployer did not make is refused by every node. */
    public Optional<String> integrityProblem(Deployment deployment) {
        return Optional.ofNullable(signatures.problem(deployment, store.signatureOf(deployment)));
    }

    private String integrityProblem(Release release, ReleaseStore.Stored stored) {
        String problem = signatures.problem(release, stored.signature());
        if (problem == null && !Sha256.hex(stored.kjar()).equals(release.checksum())) {
            problem = "Release " + release.version() + " does not match its SHA-256: its bytes were changed after it was published";
        }
        return problem;
    }

    /** The release this node decides with now, if any. */
    public Optional<Release> serving() {
        return active.current().map(LoadedRelease::release);
    }

    /** Why this node refused the newest deployment while it keeps serving the previous release; empty when it follows it. */
    public Optional<String> refusal() {
        return active.lastFailure();
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
        ReleaseStore.Stored stored = store.kjar(release.id());
        String problem = integrityProblem(release, stored);
        if (problem != null) {
            throw new ReleaseRejectedException(problem, null);
        }
        LoadedRelease fresh = loader.load(release, stored.kjar());
        LoadedRelease raced = loaded.putIfAbsent(release.version(), fresh);
        if (raced != null) {
            fresh.evaluator().close();
            return raced;
        }
        return fresh;
    }

    /**
     * Makes the deployment's release active, unless this node already followed a newer deployment (a
     * slow poll or a concurrent deploy finishing late must not undo a newer one); false then.
     */
    private synchronized boolean activate(LoadedRelease ready, Deployment deployment) {
        if (deployment.id() < newestActivated.get()) {
            return false;
        }
        newestActivated.set(deployment.id());
        LoadedRelease previous = active.swap(ready);
        meters.counter("careplace.release.swaps", "result", "swapped").increment();
        log.info("Active release is now {} (deployment {} by {}), was {}", ready.release().version(), deployment.id(),
                deployment.deployedBy(), previous == null ? "none" : previous.release().version());
        return true;
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
