package com.careplace.workbench.authoring;

import com.careplace.workbench.rules.ChangeRequestChecks;
import com.careplace.workbench.rules.CheckReport;
import com.careplace.workbench.rules.RuleAsset;

import com.careplace.decision.base.Sha256;
import com.careplace.workbench.audit.AuditTrail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Change requests: authors edit rule assets in isolation from mainline and from each other's change
 * requests, every save is kept with who, when and why, and a save based on a stale revision is
 * refused with what the other person changed. Every call checks the caller's role, and that the
 * actor it names is the signed-in user.
 */
@Service
public class ChangeRequestService {

    private final AuthoringStore store;
    private final ChangeRequestChecks checks;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    public ChangeRequestService(AuthoringStore store, ChangeRequestChecks checks, AuditTrail audit) {
        this.store = store;
        this.checks = checks;
        this.audit = audit;
    }

    /** Imports the given assets as mainline revision 1, once: does nothing when mainline already has assets. */
    @Transactional
    boolean importBaseline(List<RuleAsset> assets, String by, String reason) {
        if (!store.mainlineIsEmpty()) {
            return false;
        }
        for (RuleAsset asset : assets) {
            String assetId = store.insertAsset(asset.path(), clock.instant());
            store.startMainline(assetId, store.insertVersion(assetId, null, 1, asset.text(), by, reason, clock.instant()), 1);
        }
        audit.record(by, "mainline.import", "mainline", reason + ": " + assets.size() + " assets");
        return true;
    }

    /**
     * Adds to an existing mainline the vocabulary files it lacks, as revision 1 with the 1.0.0 content: a
     * mainline imported before releases carried a vocabulary spoke 1.0.0's, so nothing it decides changes,
     * and from now on the vocabulary is edited like any asset.
     *
     * @return the paths added
     */
    @Transactional
    List<String> importMissingVocabulary(List<RuleAsset> baseline, String by, String reason) {
        if (store.mainlineIsEmpty()) {
            return List.of();
        }
        Set<String> present = new java.util.HashSet<>();
        store.mainline().forEach(c -> present.add(c.revision().path()));
        List<String> added = new ArrayList<>();
        for (RuleAsset asset : baseline) {
            if (asset.kind() == RuleAsset.Kind.VOCABULARY && !present.contains(asset.path())) {
                String assetId = store.insertAsset(asset.path(), clock.instant());
                store.startMainline(assetId, store.insertVersion(assetId, null, 1, asset.text(), by, reason, clock.instant()), 1);
                added.add(asset.path());
            }
        }
        if (!added.isEmpty()) {
            audit.record(by, "mainline.import", "mainline", reason + ": " + added.size() + " vocabulary files");
        }
        return added;
    }

    /** Mainline: the assets the active release was built from. */
    @PreAuthorize("isAuthenticated()")
    public List<AssetRevision> mainline() {
        return store.mainline().stream().map(AuthoringStore.Current::revision).toList();
    }

    /**
     * Opens a change request.
     *
     * @throws IllegalArgumentException naming the field when the title or rationale is missing or too long
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public ChangeRequest open(String title, String rationale, String author) {
        require("title", title, 200);
        require("rationale", rationale, 4000);
        ChangeRequest request = new ChangeRequest(UUID.randomUUID().toString(), title.strip(), rationale.strip(), author,
                ChangeRequest.Status.OPEN, clock.instant());
        store.insertChangeRequest(request);
        audit.record(author, "change-request.open", request.id(), request.title());
        return request;
    }

    @PreAuthorize("isAuthenticated()")
    public ChangeRequest changeRequest(String id) {
        return store.changeRequest(id).orElseThrow(() -> new NoSuchElementException("No change request " + id));
    }

    /** Every change request, newest first. */
    @PreAuthorize("isAuthenticated()")
    public List<ChangeRequest> changeRequests() {
        return store.changeRequests();
    }

    /** The assets as this change request sees them: mainline, with its own edits in place. */
    @PreAuthorize("isAuthenticated()")
    public List<AssetRevision> assets(String changeRequestId) {
        changeRequest(changeRequestId);
        Map<String, AssetRevision> assets = new LinkedHashMap<>();
        store.mainline().forEach(c -> assets.put(c.revision().path(), c.revision()));
        store.workingCopies(changeRequestId).forEach(c -> {
            if (c.deleted()) {
                assets.remove(c.revision().path());
            } else {
                assets.put(c.revision().path(), c.revision());
            }
        });
        return List.copyOf(assets.values());
    }

    /** The same, ready to compile. */
    @PreAuthorize("isAuthenticated()")
    public List<RuleAsset> ruleAssets(String changeRequestId) {
        return assets(changeRequestId).stream().map(a -> new RuleAsset(a.path(), a.text())).toList();
    }

    /**
     * Saves {@code text} as the change request's version of {@code path}.
     *
     * @param expectedRevision the revision the author's editor was showing
     * @throws EditConflictException    when someone saved a newer revision in between; nothing is written
     * @throws IllegalStateException    when the change request is no longer open
     * @throws NoSuchElementException   when there is no such asset
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public AssetRevision save(String changeRequestId, String path, String text, int expectedRevision, String author, String reason) {
        ChangeRequest request = locked(changeRequestId);
        if (request.status() != ChangeRequest.Status.OPEN) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status()
                    + "; only open change requests can be edited");
        }
        require("reason", reason, 1000);
        AuthoringStore.Current current = workingCopy(changeRequestId, path);
        AuthoringStore.Current mainline = store.mainlineOf(path).orElse(null);
        if (current == null && mainline == null) {
            throw new NoSuchElementException("No rule asset " + path);
        }
        if (current != null && current.deleted()) {
            throw new IllegalStateException(path + " is deleted in this change request");
        }
        String assetId = current != null ? current.assetId() : mainline.assetId();
        AuthoringStore.Current latest = current == null ? mainline : current;
        if (latest.revision().revision() != expectedRevision) {
            throw conflict(changeRequestId, assetId, expectedRevision, latest.revision());
        }
        int revision = expectedRevision + 1;
        String versionId = store.insertVersion(assetId, changeRequestId, revision, text, author, reason.strip(),
                clock.instant());
        if (!store.moveWorkingCopy(changeRequestId, assetId, mainline == null ? null : mainline.versionId(), versionId, revision,
                expectedRevision, current != null)) {
            // Another save won the race between our read and our write.
            throw conflict(changeRequestId, assetId, expectedRevision, workingCopy(changeRequestId, path).revision());
        }
        audit.record(author, "asset.edit", path, "change request " + changeRequestId + ", revision " + revision + ": " + reason.strip());
        return new AssetRevision(path, text, revision, author, clock.instant());
    }

    /**
     * One asset's edit in a {@link #saveAll} of several.
     *
     * @param path             the asset
     * @param text             its new content
     * @param expectedRevision the revision the author's editor was showing
     * @param importedFrom     the spreadsheet the new content was imported from, or {@code null} when typed
     */
    public record Edit(String path, String text, int expectedRevision, SourceWorkbook importedFrom) {

        /** An edit typed in the workbench. */
        public Edit(String path, String text, int expectedRevision) {
            this(path, text, expectedRevision, null);
        }
    }

    /**
     * Saves every edit with one reason, all or nothing: when one asset was saved by someone else meanwhile
     * (or cannot be saved), none is, and the exception names it.
     *
     * @throws EditConflictException  for the first asset someone else saved in between; nothing is written
     * @throws IllegalStateException  when the change request is no longer open
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public List<AssetRevision> saveAll(String changeRequestId, List<Edit> edits, String author, String reason) {
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("Nothing to save: no asset has unsaved edits");
        }
        List<AssetRevision> saved = new ArrayList<>();
        for (Edit edit : edits) {
            saved.add(save(changeRequestId, edit.path(), edit.text(), edit.expectedRevision(), author, reason));
            if (edit.importedFrom() != null) {
                store.rememberWorkbook(changeRequestId, edit.path(), edit.importedFrom(), author, clock.instant());
            }
        }
        return saved;
    }

    /**
     * The spreadsheet the table at {@code path} came in as: this change request's import, else the one an approved change
     * request brought; empty for a table never imported. Export gives the table back in its format.
     */
    @PreAuthorize("isAuthenticated()")
    public java.util.Optional<SourceWorkbook> importedFrom(String changeRequestId, String path) {
        return store.workbook(changeRequestId, path);
    }

    /**
     * Creates an asset in the change request: a DRL file or decision table under {@code com/careplace/rules/},
     * or a scenario suite under {@code scenarios/}. Mainline gets it when the change request is approved.
     *
     * @throws IllegalArgumentException naming what is wrong with the path, or when an asset is already there
     * @throws IllegalStateException    when the change request is no longer open, or another one creates it too
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public AssetRevision create(String changeRequestId, String path, String text, String author, String reason) {
        requireOpen(locked(changeRequestId));
        require("reason", reason, 1000);
        RuleAsset.pathProblem(path).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (store.mainlineOf(path).isPresent() || workingCopy(changeRequestId, path) != null
                && !workingCopy(changeRequestId, path).deleted()) {
            throw new IllegalArgumentException("There is already an asset " + path);
        }
        String assetId = store.assetAt(path).orElse(null);
        if (assetId != null) {
            List<String> others = store.otherChangeRequestsHolding(assetId, changeRequestId);
            if (!others.isEmpty()) {
                throw new IllegalStateException("Change request '" + others.getFirst() + "' also creates " + path
                        + "; choose another name or wait until it is decided");
            }
            if (workingCopy(changeRequestId, path) != null) {
                throw new IllegalArgumentException(path + " is deleted in this change request: pick another name");
            }
        } else {
            try {
                assetId = store.insertAsset(path, clock.instant());
            } catch (org.springframework.dao.DuplicateKeyException e) {
                throw new IllegalStateException("Someone created " + path + " at the same moment; open the change request again");
            }
        }
        String versionId = store.insertVersion(assetId, changeRequestId, 1, text, author, reason.strip(), clock.instant());
        if (!store.moveWorkingCopy(changeRequestId, assetId, null, versionId, 1, 0, false)) {
            throw new IllegalStateException("Someone created " + path + " in this change request at the same moment");
        }
        audit.record(author, "asset.create", path, "change request " + changeRequestId + ": " + reason.strip());
        return new AssetRevision(path, text, 1, author, clock.instant());
    }

    /**
     * Deletes an asset in the change request: mainline loses it when the change request is approved. An
     * asset the change request itself created is simply forgotten. Vocabulary files cannot be deleted
     * (a release with a vocabulary has all of them); their entries can.
     *
     * @param expectedRevision the revision the author's screen was showing
     * @throws EditConflictException    when someone saved a newer revision in between
     * @throws IllegalArgumentException for a vocabulary file
     * @throws NoSuchElementException   when there is no such asset
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public void delete(String changeRequestId, String path, int expectedRevision, String author, String reason) {
        requireOpen(locked(changeRequestId));
        require("reason", reason, 1000);
        if (new RuleAsset(path, "").kind() == RuleAsset.Kind.VOCABULARY) {
            throw new IllegalArgumentException("Vocabulary files cannot be deleted: a release has all of them. Remove entries instead.");
        }
        AuthoringStore.Current current = workingCopy(changeRequestId, path);
        AuthoringStore.Current mainline = store.mainlineOf(path).orElse(null);
        if (current == null && mainline == null || current != null && current.deleted()) {
            throw new NoSuchElementException("No rule asset " + path);
        }
        AuthoringStore.Current latest = current == null ? mainline : current;
        String assetId = latest.assetId();
        if (latest.revision().revision() != expectedRevision) {
            throw conflict(changeRequestId, assetId, expectedRevision, latest.revision());
        }
        if (mainline == null && !current.created()) {
            throw new IllegalStateException(path + " was deleted on mainline after this change request copied it");
        }
        boolean done;
        if (current != null && current.created()) {
            done = store.dropCreated(changeRequestId, assetId, expectedRevision);
        } else {
            // The deletion is a version of its own: who deleted it and why, in the history and among the contributors.
            String versionId = store.insertVersion(assetId, changeRequestId, expectedRevision + 1, "", author, reason.strip(),
                    clock.instant());
            done = store.markDeleted(changeRequestId, assetId, mainline.versionId(), versionId, expectedRevision + 1,
                    expectedRevision, current != null);
        }
        if (!done) {
            throw conflict(changeRequestId, assetId, expectedRevision, workingCopy(changeRequestId, path).revision());
        }
        audit.record(author, "asset.delete", path, "change request " + changeRequestId + ": " + reason.strip());
    }

    /**
     * Renames an asset in the change request: the new path gets its current text, the old one is deleted.
     * The kind stays (a decision table stays a decision table).
     *
     * @throws IllegalArgumentException naming what is wrong with the new path
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public AssetRevision rename(String changeRequestId, String from, String to, int expectedRevision, String author, String reason) {
        if (new RuleAsset(from, "").kind() != new RuleAsset(to, "").kind()) {
            throw new IllegalArgumentException("A rename keeps the kind: " + from + " and " + to + " are different kinds of asset");
        }
        String text = assets(changeRequestId).stream().filter(a -> a.path().equals(from)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No rule asset " + from)).text();
        AssetRevision created = create(changeRequestId, to, text, author, "Renamed from " + from + ": " + reason.strip());
        delete(changeRequestId, from, expectedRevision, author, "Renamed to " + to + ": " + reason.strip());
        return created;
    }

    private AuthoringStore.Current workingCopy(String changeRequestId, String path) {
        return store.workingCopies(changeRequestId).stream().filter(c -> c.revision().path().equals(path)).findFirst().orElse(null);
    }

    private static void requireOpen(ChangeRequest request) {
        if (request.status() != ChangeRequest.Status.OPEN) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status()
                    + "; only open change requests can be edited");
        }
    }

    /** Gets a rule checker ready for this user's next Check (the screen calls it when a change request opens). */
    @PreAuthorize("hasRole('AUTHOR') or hasRole('REVIEWER')")
    public void prepareChecks() {
        checks.prepare();
    }

    /** Compiles the change request's assets and runs its suites, without changing anything. */
    @PreAuthorize("(hasRole('AUTHOR') or hasRole('REVIEWER')) and #by == authentication.name")
    public CheckReport check(String changeRequestId, String by) {
        return check(changeRequestId, Map.of(), by);
    }

    /**
     * The same, with the editor's unsaved text in place of the saved one for the paths given: authors
     * see what their edit does before they save it. Submitting always checks what is saved.
     */
    @PreAuthorize("(hasRole('AUTHOR') or hasRole('REVIEWER')) and #by == authentication.name")
    public CheckReport check(String changeRequestId, Map<String, String> unsaved, String by) {
        List<RuleAsset> assets = ruleAssets(changeRequestId).stream()
                .map(a -> unsaved.containsKey(a.path()) ? new RuleAsset(a.path(), unsaved.get(a.path())) : a).toList();
        CheckReport report = checks.check(assets);
        audit.record(by, "change-request.check", changeRequestId, (unsaved.isEmpty() ? "" : "with unsaved edits of "
                + String.join(", ", unsaved.keySet()) + "; ") + (report.passes() ? "passes: compiles, "
                + report.suites().results().size() + " scenarios pass" : "fails: " + String.join("; ", report.reasons())));
        return report;
    }

    /**
     * Sends a change request to review. Enforced here, whatever the UI shows: it must be open,
     * change something, compile, and pass every scenario of its suites.
     *
     * @throws SubmissionRefusedException with every reason when it does not qualify
     */
    @PreAuthorize("hasRole('AUTHOR') and #by == authentication.name")
    @Transactional
    public CheckReport submit(String changeRequestId, String by) {
        return submit(changeRequestId, by, null);
    }

    /**
     * Checks the change request and sends it to review. Every rule must fire in some scenario, or
     * {@code coverageWaiver} says why not: the reviewer sees it and the audit trail keeps it.
     *
     * @throws SubmissionRefusedException naming what fails, or the rules no scenario fires when no waiver is given
     */
    @PreAuthorize("hasRole('AUTHOR') and #by == authentication.name")
    @Transactional
    public CheckReport submit(String changeRequestId, String by, String coverageWaiver) {
        // Locked while it is checked: a save cannot slip unchecked content in before the status changes.
        ChangeRequest request = locked(changeRequestId);
        if (request.status() != ChangeRequest.Status.OPEN) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status() + ", not open");
        }
        if (changedAssets(changeRequestId).isEmpty()) {
            throw new SubmissionRefusedException(List.of("it changes nothing: every asset equals mainline"));
        }
        CheckReport report = check(changeRequestId, by);
        if (!report.passes()) {
            throw new SubmissionRefusedException(report);
        }
        List<String> uncovered = List.copyOf(report.suites().neverFired());
        String waiver = coverageWaiver == null || coverageWaiver.isBlank() ? null : coverageWaiver.strip();
        if (!uncovered.isEmpty() && waiver == null) {
            throw SubmissionRefusedException.uncovered(report, uncovered);
        }
        if (waiver != null && waiver.length() > 1000) {
            throw new IllegalArgumentException("reason must be at most 1000 characters");
        }
        if (!store.markSubmitted(changeRequestId, by, clock.instant(), uncovered.isEmpty() ? null : waiver, uncovered)) {
            throw new IllegalStateException("Change request '" + request.title() + "' changed state while it was checked");
        }
        audit.record(by, "change-request.submit", changeRequestId, request.title());
        if (!uncovered.isEmpty()) {
            audit.record(by, "change-request.coverage-waiver", changeRequestId, uncovered.size() + " rule(s) fire in no scenario ("
                    + String.join(", ", uncovered) + "): " + waiver);
        }
        return report;
    }

    /** Why the change request went to review with rules no scenario fires, if it did. */
    public java.util.Optional<CoverageWaiver> coverageWaiver(String changeRequestId) {
        return store.coverageWaiver(changeRequestId);
    }

    /**
     * An asset this change request edited that mainline changed too since the change request copied it.
     *
     * @param path      the asset
     * @param base      what the change request started from
     * @param mainline  what mainline holds now
     * @param mine      what the change request holds
     * @param conflicts whether both changed it differently (else the change request already holds mainline's text)
     * @param combined  both sides' changes in one text, when they touch different lines; {@code null} when they overlap
     */
    public record StaleAsset(String path, String base, String mainline, String mine, boolean conflicts, String combined) {
    }

    /** How an asset is brought up to date with mainline. */
    public enum UpToDate {
        /** Mainline's changes and the change request's together (they touch different lines). */
        COMBINE,
        /** The change request's text as it is, now based on mainline's version (the review shows what that undoes). */
        KEEP_MINE,
        /** Mainline's text; the change request's edits to the asset are dropped. */
        TAKE_MAINLINE
    }

    /** An edited (not created, not deleted) asset whose mainline version is no longer the one it started from. */
    private static boolean isStale(AuthoringStore.Merge merge) {
        return merge.baseVersionId() != null && merge.mainlineVersionId() != null && !merge.deleted()
                && !merge.baseVersionId().equals(merge.mainlineVersionId());
    }

    /** The edited assets mainline moved under: until each is brought up to date, approval is refused. */
    public List<StaleAsset> staleAssets(String changeRequestId) {
        List<StaleAsset> stale = new ArrayList<>();
        for (AuthoringStore.Merge merge : store.merges(changeRequestId)) {
            if (isStale(merge)) {
                String mainlineText = store.content(merge.mainlineVersionId());
                String mine = store.content(merge.versionId());
                String base = store.content(merge.baseVersionId());
                stale.add(new StaleAsset(merge.path(), base, mainlineText, mine, !mine.equals(mainlineText),
                        com.careplace.workbench.base.LineDiff.merge(base, mine, mainlineText).orElse(null)));
            }
        }
        return stale;
    }

    /**
     * Brings one asset up to date with mainline: its base becomes mainline's current version, and its text
     * what {@code how} says (a new revision with the reason, unless it is kept as it is).
     *
     * @throws IllegalStateException when the change request is not open, the asset is not out of date, or the
     *                               changes cannot be combined because both sides changed the same lines
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public void bringUpToDate(String changeRequestId, String path, UpToDate how, String author, String reason) {
        requireOpen(locked(changeRequestId));
        require("reason", reason, 1000);
        AuthoringStore.Merge merge = store.merges(changeRequestId).stream().filter(m -> m.path().equals(path) && isStale(m)).findFirst()
                .orElseThrow(() -> new IllegalStateException(path + " is up to date with mainline"));
        if (how != UpToDate.KEEP_MINE) {
            String mainlineText = store.content(merge.mainlineVersionId());
            String text = how == UpToDate.TAKE_MAINLINE ? mainlineText : com.careplace.workbench.base.LineDiff.merge(
                    store.content(merge.baseVersionId()), store.content(merge.versionId()), mainlineText)
                    .orElseThrow(() -> new IllegalStateException(path + ": mainline and this change request changed the same "
                            + "lines; keep yours or take mainline's, then edit"));
            int revision = merge.revision() + 1;
            String versionId = store.insertVersion(merge.assetId(), changeRequestId, revision, text,
                    author, reason.strip(), clock.instant());
            if (!store.moveWorkingCopy(changeRequestId, merge.assetId(), null, versionId, revision, merge.revision(), true)) {
                throw new IllegalStateException(path + " was saved by someone else meanwhile; open it again");
            }
        }
        if (!store.rebase(changeRequestId, merge.assetId(), merge.baseVersionId(), merge.mainlineVersionId())) {
            throw new IllegalStateException(path + " was brought up to date by someone else meanwhile");
        }
        audit.record(author, "asset.rebase", path, "change request " + changeRequestId + ": "
                + switch (how) {
                    case COMBINE -> "combined its changes with mainline's";
                    case KEEP_MINE -> "kept its version, now based on mainline's";
                    case TAKE_MAINLINE -> "took mainline's version";
                } + ": " + reason.strip());
    }

    /**
     * The author takes the change request back, open or waiting for review: it is never reviewed or merged,
     * and stays in the list (and its versions in the history) as withdrawn.
     *
     * @throws IllegalStateException    when it is approved, rejected or withdrawn already
     * @throws IllegalArgumentException when the reason is missing, or {@code author} did not open it
     */
    @PreAuthorize("hasRole('AUTHOR') and #author == authentication.name")
    @Transactional
    public ChangeRequest withdraw(String changeRequestId, String author, String reason) {
        ChangeRequest request = locked(changeRequestId);
        require("reason", reason, 1000);
        if (!request.author().equals(author)) {
            throw new IllegalArgumentException("Only " + request.author() + ", who opened it, can withdraw '" + request.title() + "'");
        }
        if (request.status() != ChangeRequest.Status.OPEN && request.status() != ChangeRequest.Status.SUBMITTED
                || !store.moveStatus(changeRequestId, request.status(), ChangeRequest.Status.WITHDRAWN)) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status().name().toLowerCase()
                    + ": only open or submitted change requests can be withdrawn");
        }
        audit.record(author, "change-request.withdraw", changeRequestId, request.title() + ": " + reason.strip());
        return changeRequest(changeRequestId);
    }

    /**
     * Reads a change request for a verdict and locks it until the caller's transaction ends, so that no
     * save or submit slips in between the reviewer's checks and the state change. Review calls this,
     * then {@link #merge} or {@link #sendBack} in the same transaction.
     *
     * @throws NoSuchElementException when there is no such change request
     */
    @PreAuthorize("hasRole('REVIEWER')")
    @Transactional(propagation = Propagation.MANDATORY)
    public ChangeRequest lockForVerdict(String changeRequestId) {
        return locked(changeRequestId);
    }

    /**
     * Makes an approved change request's assets the mainline. Review decides who may approve (four eyes)
     * and calls this inside the transaction that also builds the release.
     *
     * @throws IllegalStateException when it is not submitted, or mainline changed since its copies were made
     * @return the paths it changed
     */
    @PreAuthorize("hasRole('REVIEWER')")
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> merge(String changeRequestId) {
        ChangeRequest request = locked(changeRequestId);
        List<AuthoringStore.Merge> merges = store.merges(changeRequestId);
        for (AuthoringStore.Merge merge : merges) {
            // A created asset's base is "none" and mainline must still have none; others must still be at their base.
            if (!java.util.Objects.equals(merge.baseVersionId(), merge.mainlineVersionId())) {
                throw staleBase(merge);
            }
        }
        if (!store.moveStatus(changeRequestId, ChangeRequest.Status.SUBMITTED, ChangeRequest.Status.APPROVED)) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status() + ", not submitted");
        }
        for (AuthoringStore.Merge merge : merges) {
            // Conditional on the base: a concurrent approval that moved mainline first makes this one fail, not overwrite.
            boolean moved;
            if (merge.baseVersionId() == null) {
                try {
                    store.startMainline(merge.assetId(), merge.versionId(), merge.revision());
                    moved = true;
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    moved = false; // another approval created it first
                }
            } else if (merge.deleted()) {
                moved = store.endMainline(merge.assetId(), merge.baseVersionId());
            } else {
                moved = store.advanceMainline(merge.assetId(), merge.baseVersionId(), merge.versionId(), merge.revision());
            }
            if (!moved) {
                throw staleBase(merge);
            }
        }
        return merges.stream().map(AuthoringStore.Merge::path).toList();
    }

    /**
     * Opens a submitted change request again for its author (review keeps the reviewer's comment).
     *
     * @throws IllegalStateException when it is not submitted
     */
    @PreAuthorize("hasRole('REVIEWER')")
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendBack(String changeRequestId) {
        ChangeRequest request = locked(changeRequestId);
        if (!store.moveStatus(changeRequestId, ChangeRequest.Status.SUBMITTED, ChangeRequest.Status.OPEN)) {
            throw new IllegalStateException("Change request '" + request.title() + "' is " + request.status() + ", not submitted");
        }
    }

    /** Everyone who had a hand in a change request: who opened it, saved into it or submitted it. */
    @PreAuthorize("isAuthenticated()")
    public Set<String> contributors(String changeRequestId) {
        Set<String> contributors = new TreeSet<>(store.contributors(changeRequestId));
        contributors.add(changeRequest(changeRequestId).author());
        return contributors;
    }

    /**
     * A fingerprint of the change request as a reviewer sees it: its status, when it was last submitted,
     * every asset's revision and mainline's. Anything that changes what a reviewer approves (an edit, a
     * send-back and resubmission, mainline moving under it) changes it.
     */
    @PreAuthorize("isAuthenticated()")
    public String stamp(String changeRequestId) {
        ChangeRequest request = changeRequest(changeRequestId);
        StringBuilder text = new StringBuilder(request.status().name()).append('|')
                .append(store.submittedAt(changeRequestId).map(Object::toString).orElse("-"));
        store.workingCopies(changeRequestId).forEach(c -> text.append('|').append(c.revision().path()).append('@').append(c.versionId())
                .append(c.deleted() ? "-deleted" : ""));
        store.mainline().forEach(c -> text.append("|m:").append(c.revision().path()).append('@').append(c.versionId()));
        return Sha256.hex(text.toString());
    }

    /** The assets a change request changes against mainline as it is now, by path. */
    @PreAuthorize("isAuthenticated()")
    public List<AssetChange> changedAssets(String changeRequestId) {
        changeRequest(changeRequestId);
        Map<String, String> mainline = new LinkedHashMap<>();
        store.mainline().forEach(c -> mainline.put(c.revision().path(), c.revision().text()));
        return store.workingCopies(changeRequestId).stream()
                .filter(c -> c.deleted() ? mainline.containsKey(c.revision().path())
                        : !c.revision().text().equals(mainline.get(c.revision().path())))
                .map(c -> new AssetChange(c.revision().path(), mainline.getOrDefault(c.revision().path(), ""), c.revision(),
                        c.deleted() ? AssetChange.Kind.DELETED : mainline.containsKey(c.revision().path())
                                ? AssetChange.Kind.CHANGED : AssetChange.Kind.CREATED))
                .toList();
    }

    /** Every saved version of an asset, mainline and change requests, oldest first. */
    @PreAuthorize("isAuthenticated()")
    public List<HistoryEntry> history(String path) {
        return store.history(path);
    }

    private ChangeRequest locked(String changeRequestId) {
        return store.lockChangeRequest(changeRequestId)
                .orElseThrow(() -> new NoSuchElementException("No change request " + changeRequestId));
    }

    private static IllegalStateException staleBase(AuthoringStore.Merge merge) {
        return new IllegalStateException(merge.path() + " changed on mainline after this change request copied it; "
                + "the author must bring the change request up to date first");
    }

    private EditConflictException conflict(String changeRequestId, String assetId, int expectedRevision, AssetRevision theirs) {
        AssetRevision yours = store.revisionSeenIn(changeRequestId, assetId, expectedRevision)
                .orElse(new AssetRevision(theirs.path(), "", expectedRevision, "?", theirs.savedAt()));
        return new EditConflictException(yours, theirs);
    }

    private static void require(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.strip().length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
    }
}
