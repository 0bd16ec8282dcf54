package com.careplace.workbench.authoring;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Assets, their versions, mainline and change requests in the database. */
@Repository
class AuthoringStore {

    private static final String REVISION_COLUMNS = "a.path, v.content, v.author, v.created_at";
    private static final RowMapper<ChangeRequest> CHANGE_REQUEST = (rs, i) -> new ChangeRequest(rs.getString("id"),
            rs.getString("title"), rs.getString("rationale"), rs.getString("author"),
            ChangeRequest.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    AuthoringStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An asset's id and its revision as of some scope, with the version that holds it. In a change request,
     * {@code created} when the change request made the asset and {@code deleted} when it removes it.
     */
    record Current(String assetId, String versionId, AssetRevision revision, boolean created, boolean deleted) {
    }

    private static RowMapper<Current> current(String revisionColumn) {
        return (rs, i) -> new Current(rs.getString("asset_id"), rs.getString("version_id"), new AssetRevision(rs.getString("path"),
                rs.getString("content"), rs.getInt(revisionColumn), rs.getString("author"), rs.getTimestamp("created_at").toInstant()),
                false, false);
    }

    private static final RowMapper<Current> WORKING_COPY = (rs, i) -> new Current(rs.getString("asset_id"),
            rs.getString("version_id"), new AssetRevision(rs.getString("path"), rs.getString("content"), rs.getInt("revision"),
            rs.getString("author"), rs.getTimestamp("created_at").toInstant()), rs.getString("base_version_id") == null,
            rs.getBoolean("deleted"));

    /** The asset stored at {@code path}, in mainline or not (a deleted asset keeps its id and history). */
    Optional<String> assetAt(String path) {
        return jdbc.queryForList("select id from rule_asset where path = ?", String.class, path).stream().findFirst();
    }

    /** Change requests other than {@code changeRequestId}, still open or in review, that hold a copy of the asset. */
    List<String> otherChangeRequestsHolding(String assetId, String changeRequestId) {
        return jdbc.queryForList("select r.title from change_request_asset c join change_request r on r.id = c.change_request_id "
                + "where c.asset_id = ? and c.change_request_id <> ? and r.status in ('OPEN', 'SUBMITTED') order by r.title",
                String.class, assetId, changeRequestId);
    }

    /** Marks the change request's copy of an asset as deleted at a new version (author and reason of the deletion). */
    boolean markDeleted(String changeRequestId, String assetId, String baseVersionId, String versionId, int revision,
                        int expectedRevision, boolean exists) {
        if (exists) {
            return jdbc.update("update change_request_asset set version_id = ?, revision = ?, deleted = true "
                    + "where change_request_id = ? and asset_id = ? and revision = ? and deleted = false",
                    versionId, revision, changeRequestId, assetId, expectedRevision) == 1;
        }
        try {
            jdbc.update("insert into change_request_asset (change_request_id, asset_id, base_version_id, version_id, revision, "
                    + "deleted) values (?, ?, ?, ?, ?, true)", changeRequestId, assetId, baseVersionId, versionId, revision);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Forgets an asset the change request created and now deletes: mainline never had it. */
    boolean dropCreated(String changeRequestId, String assetId, int expectedRevision) {
        return jdbc.update("delete from change_request_asset where change_request_id = ? and asset_id = ? and revision = ? "
                + "and base_version_id is null", changeRequestId, assetId, expectedRevision) == 1;
    }

    /** Removes an asset from mainline, only if mainline still holds {@code baseVersionId}. */
    boolean endMainline(String assetId, String baseVersionId) {
        return jdbc.update("delete from mainline_asset where asset_id = ? and version_id = ?", assetId, baseVersionId) == 1;
    }

    boolean mainlineIsEmpty() {
        return jdbc.queryForObject("select count(*) from mainline_asset", Integer.class) == 0;
    }

    String insertAsset(String path, Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into rule_asset (id, path, created_at) values (?, ?, ?)", id, path, Timestamp.from(at));
        return id;
    }

    String insertVersion(String assetId, String changeRequestId, int revision, String content, String author, String reason,
                         Instant at) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into asset_version (id, asset_id, change_request_id, revision, content, author, reason, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", id, assetId, changeRequestId, revision, content, author, reason, Timestamp.from(at));
        return id;
    }

    void startMainline(String assetId, String versionId, int revision) {
        jdbc.update("insert into mainline_asset (asset_id, version_id, revision) values (?, ?, ?)", assetId, versionId, revision);
    }

    List<Current> mainline() {
        return jdbc.query("select m.asset_id, m.version_id, m.revision, " + REVISION_COLUMNS + " from mainline_asset m "
                + "join rule_asset a on a.id = m.asset_id join asset_version v on v.id = m.version_id order by a.path", current("revision"));
    }

    Optional<Current> mainlineOf(String path) {
        return jdbc.query("select m.asset_id, m.version_id, m.revision, " + REVISION_COLUMNS + " from mainline_asset m "
                + "join rule_asset a on a.id = m.asset_id join asset_version v on v.id = m.version_id where a.path = ?",
                current("revision"), path).stream().findFirst();
    }

    List<Current> workingCopies(String changeRequestId) {
        return jdbc.query("select c.asset_id, c.version_id, c.revision, c.base_version_id, c.deleted, " + REVISION_COLUMNS
                + " from change_request_asset c join rule_asset a on a.id = c.asset_id join asset_version v on v.id = c.version_id "
                + "where c.change_request_id = ? order by a.path", WORKING_COPY, changeRequestId);
    }

    /**
     * Points the change request's copy of an asset at a new version, only if it is still at
     * {@code expectedRevision}; false when someone saved in between.
     */
    boolean moveWorkingCopy(String changeRequestId, String assetId, String baseVersionId, String versionId, int revision,
                            int expectedRevision, boolean exists) {
        if (exists) {
            return jdbc.update("update change_request_asset set version_id = ?, revision = ? "
                    + "where change_request_id = ? and asset_id = ? and revision = ? and deleted = false",
                    versionId, revision, changeRequestId, assetId, expectedRevision) == 1;
        }
        try {
            jdbc.update("insert into change_request_asset (change_request_id, asset_id, base_version_id, version_id, revision) "
                    + "values (?, ?, ?, ?, ?)", changeRequestId, assetId, baseVersionId, versionId, revision);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The text an author saw at {@code revision}: the change request's own version, else mainline's. */
    Optional<AssetRevision> revisionSeenIn(String changeRequestId, String assetId, int revision) {
        return jdbc.query("select a.path, v.content, v.author, v.created_at, v.revision from asset_version v "
                        + "join rule_asset a on a.id = v.asset_id where v.asset_id = ? and v.revision = ? "
                        + "and (v.change_request_id = ? or v.change_request_id is null) "
                        + "order by case when v.change_request_id is null then 1 else 0 end, v.created_at desc",
                (rs, i) -> new AssetRevision(rs.getString("path"), rs.getString("content"), rs.getInt("revision"),
                        rs.getString("author"), rs.getTimestamp("created_at").toInstant()),
                assetId, revision, changeRequestId).stream().findFirst();
    }

    List<HistoryEntry> history(String path) {
        return jdbc.query("select a.path, v.change_request_id, v.author, v.reason, v.created_at, v.content from asset_version v "
                        + "join rule_asset a on a.id = v.asset_id where a.path = ? order by v.created_at, v.revision",
                (rs, i) -> new HistoryEntry(rs.getString("path"), rs.getString("change_request_id"), rs.getString("author"),
                        rs.getString("reason"), rs.getTimestamp("created_at").toInstant(), rs.getString("content")), path);
    }

    void rememberWorkbook(String changeRequestId, String path, SourceWorkbook workbook, String by, Instant at) {
        jdbc.update("delete from table_workbook where change_request_id = ? and path = ?", changeRequestId, path);
        jdbc.update("insert into table_workbook (change_request_id, path, file_name, workbook, saved_by, saved_at) values (?, ?, ?, ?, ?, ?)",
                changeRequestId, path, workbook.fileName(), workbook.format().equals("csv") ? null : workbook.bytes(), by, Timestamp.from(at));
    }

    /** The change request's own import of the table, else the latest one an approved change request brought. */
    Optional<SourceWorkbook> workbook(String changeRequestId, String path) {
        return jdbc.query("select w.file_name, w.workbook from table_workbook w join change_request c on c.id = w.change_request_id "
                        + "where w.path = ? and (w.change_request_id = ? or c.status = 'APPROVED') "
                        + "order by case when w.change_request_id = ? then 0 else 1 end, w.saved_at desc",
                (rs, i) -> new SourceWorkbook(rs.getString("file_name"), rs.getBytes("workbook")), path, changeRequestId, changeRequestId)
                .stream().findFirst();
    }

    void insertChangeRequest(ChangeRequest request) {
        jdbc.update("insert into change_request (id, title, rationale, author, status, created_at) values (?, ?, ?, ?, ?, ?)",
                request.id(), request.title(), request.rationale(), request.author(), request.status().name(),
                Timestamp.from(request.createdAt()));
    }

    /** Marks an open change request submitted by {@code by}; false when it was no longer open. */
    boolean markSubmitted(String id, String by, Instant at, String waiver, List<String> waivedRules) {
        return jdbc.update("update change_request set status = ?, submitted_by = ?, submitted_at = ?, coverage_waiver = ?, "
                        + "coverage_waived_rules = ? where id = ? and status = ?",
                ChangeRequest.Status.SUBMITTED.name(), by, Timestamp.from(at), waiver, waivedRules.isEmpty() ? null
                        : String.join("\n", waivedRules), id, ChangeRequest.Status.OPEN.name()) == 1;
    }

    /** Why the change request was submitted with rules no scenario fires, if it was. */
    java.util.Optional<CoverageWaiver> coverageWaiver(String id) {
        return jdbc.query("select submitted_by, coverage_waiver, coverage_waived_rules from change_request where id = ? "
                        + "and coverage_waiver is not null",
                (rs, i) -> new CoverageWaiver(rs.getString("submitted_by"), rs.getString("coverage_waiver"),
                        List.of(rs.getString("coverage_waived_rules").split("\n"))), id).stream().findFirst();
    }

    /** Every change request, newest first. */
    List<ChangeRequest> changeRequests() {
        return jdbc.query("select * from change_request order by created_at desc", CHANGE_REQUEST);
    }

    /** Moves a change request between statuses; false when it was not in {@code from}. */
    boolean moveStatus(String id, ChangeRequest.Status from, ChangeRequest.Status to) {
        return jdbc.update("update change_request set status = ? where id = ? and status = ?", to.name(), id, from.name()) == 1;
    }

    /**
     * The mainline version a working copy started from ({@code null} for an asset the change request
     * created), the version mainline holds now ({@code null} when it holds none), and whether it is deleted.
     */
    record Merge(String assetId, String path, String baseVersionId, String mainlineVersionId, String versionId, int revision,
                 boolean deleted) {
    }

    List<Merge> merges(String changeRequestId) {
        return jdbc.query("select c.asset_id, a.path, c.base_version_id, m.version_id as mainline_version_id, c.version_id, "
                        + "c.revision, c.deleted from change_request_asset c join rule_asset a on a.id = c.asset_id "
                        + "left join mainline_asset m on m.asset_id = c.asset_id where c.change_request_id = ? order by a.path",
                (rs, i) -> new Merge(rs.getString("asset_id"), rs.getString("path"), rs.getString("base_version_id"),
                        rs.getString("mainline_version_id"), rs.getString("version_id"), rs.getInt("revision"),
                        rs.getBoolean("deleted")), changeRequestId);
    }

    /** The content of one stored version. */
    String content(String versionId) {
        return jdbc.queryForObject("select content from asset_version where id = ?", String.class, versionId);
    }

    /** Moves a working copy's base to the version mainline holds now, if it is still at {@code fromBase}. */
    boolean rebase(String changeRequestId, String assetId, String fromBase, String toBase) {
        return jdbc.update("update change_request_asset set base_version_id = ? where change_request_id = ? and asset_id = ? "
                + "and base_version_id = ?", toBase, changeRequestId, assetId, fromBase) == 1;
    }

    /** Reads a change request and locks it until the transaction ends: saves, submit and review queue behind each other. */
    Optional<ChangeRequest> lockChangeRequest(String id) {
        return jdbc.query("select * from change_request where id = ? for update", CHANGE_REQUEST, id).stream().findFirst();
    }

    /** When the change request was last submitted; {@code null} before its first submission. */
    Optional<Instant> submittedAt(String id) {
        return jdbc.query("select submitted_at from change_request where id = ?",
                (rs, i) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant), id).stream().findFirst().flatMap(o -> o);
    }

    /** Everyone who saved into a change request or submitted it. */
    List<String> contributors(String changeRequestId) {
        return jdbc.queryForList("select author from asset_version where change_request_id = ? union "
                + "select submitted_by from change_request where id = ? and submitted_by is not null", String.class,
                changeRequestId, changeRequestId);
    }

    /** Moves mainline from {@code baseVersionId} to {@code versionId}; false when mainline no longer holds the base. */
    boolean advanceMainline(String assetId, String baseVersionId, String versionId, int revision) {
        return jdbc.update("update mainline_asset set version_id = ?, revision = ? where asset_id = ? and version_id = ?",
                versionId, revision, assetId, baseVersionId) == 1;
    }

    Optional<ChangeRequest> changeRequest(String id) {
        return jdbc.query("select * from change_request where id = ?", CHANGE_REQUEST, id).stream().findFirst();
    }
}
