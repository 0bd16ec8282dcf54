package com.careplace.workbench.audit;

import com.careplace.decision.base.SigningKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workbench's audit trail. Entries are only ever appended; each one's hash is an HMAC, with a key
 * kept outside the database ({@link AuditKey}), over its fields and the previous hash, so an edited,
 * removed or reordered entry breaks the chain at that point and {@link #verify()} names it, even when
 * the editor recomputed the hashes. The head row is keyed too, so cutting entries off the end shows.
 * Appends serialise on the head row, so several nodes chain in one order. Signed checkpoints
 * ({@link #checkpoint}) let an auditor prove later that nothing up to them changed.
 */
@Service
public class AuditTrail {

    private static final RowMapper<AuditEntry> ENTRY = (rs, i) -> new AuditEntry(rs.getLong("seq"),
            rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
            rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));

    /** What the first entry links to. */
    static final String GENESIS = "0".repeat(64);

    private final JdbcTemplate jdbc;
    private final AuditKey key;
    private final SigningKey signingKey;
    private final Clock clock = Clock.systemUTC();

    AuditTrail(JdbcTemplate jdbc, AuditKey key, SigningKey signingKey) {
        this.jdbc = jdbc;
        this.key = key;
        this.signingKey = signingKey;
    }

    /** Appends an entry; joins the caller's transaction, so an action and its record commit together. */
    @Transactional(propagation = Propagation.REQUIRED)
    public AuditEntry record(String actor, String action, String subject, String detail) {
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from audit_head where id = 1 for update");
        long seq = ((Number) head.get("seq")).longValue() + 1;
        String prevHash = (String) head.get("hash");
        // Microseconds: what every supported database keeps, so the hash recomputes from stored values.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String detailText = detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…";
        AuditEntry entry = new AuditEntry(seq, at, actor, action, subject, detailText, prevHash,
                hash(seq, at, actor, action, subject, detailText, prevHash));
        jdbc.update("insert into audit_entry (seq, at, actor, action, subject, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)",
                seq, Timestamp.from(at), actor, action, subject, detailText, prevHash, entry.hash());
        jdbc.update("update audit_head set seq = ?, hash = ?, mac = ? where id = 1", seq, entry.hash(), headMac(seq, entry.hash()));
        return entry;
    }

    /** Walks the whole trail and reports the first entry whose link or content does not hold. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
    public ChainCheck verify() {
        // The head first: entries appended while this runs lie beyond it and are not mistaken for a gap.
        Map<String, Object> head = jdbc.queryForMap("select seq, hash, mac from audit_head where id = 1");
        long headSeq = ((Number) head.get("seq")).longValue();

        String expectedPrev = GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        for (AuditEntry e : jdbc.query("select * from audit_entry where seq <= ? order by seq", ENTRY, headSeq)) {
            checked++;
            if (e.seq() != expectedSeq) {
                return new ChainCheck(checked, expectedSeq, "entry " + expectedSeq + " is missing");
            }
            if (!e.prevHash().equals(expectedPrev)) {
                return new ChainCheck(checked, e.seq(), "entry " + e.seq() + " does not link to entry " + (e.seq() - 1));
            }
            if (!e.hash().equals(hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.detail(), e.prevHash()))) {
                return new ChainCheck(checked, e.seq(), "entry " + e.seq() + " was altered after it was recorded");
            }
            expectedPrev = e.hash();
            expectedSeq++;
        }
        if (headSeq != expectedSeq - 1) {
            return new ChainCheck(checked, expectedSeq, "entries after " + (expectedSeq - 1) + " are missing");
        }
        // Every entry holds; the head must be one this installation wrote, else entries were cut off the end.
        if (headSeq > 0 && (!headMac(headSeq, (String) head.get("hash")).equals(head.get("mac"))
                || !head.get("hash").equals(expectedPrev))) {
            return new ChainCheck(checked, headSeq, "the trail's head (entry " + headSeq + ") was set without the audit key: "
                    + "entries may have been cut off from the end");
        }
        return new ChainCheck(checked, 0, "");
    }

    /** Entries matching {@code query}, oldest first. */
    @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("select * from audit_entry where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            args.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" and action = ?");
            args.add(query.action());
        }
        if (query.subject() != null) {
            sql.append(" and subject like ?");
            args.add("%" + query.subject().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.from() != null) {
            sql.append(" and at >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(query.to()));
        }
        return jdbc.query(sql.append(" order by seq").toString(), ENTRY, args.toArray());
    }

    /**
     * A signed checkpoint of the trail as it is now, for an auditor to keep; taking it is recorded (after it).
     *
     * @throws IllegalStateException when the chain is broken (a checkpoint of a broken trail proves nothing)
     *                               or this node cannot sign
     */
    @Transactional
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN')) and #by == authentication.name")
    public AuditCheckpoint checkpoint(String by) {
        ChainCheck check = verify();
        if (!check.intact()) {
            throw new IllegalStateException("No checkpoint: the chain is broken at entry " + check.brokenAt() + " (" + check.reason() + ")");
        }
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from audit_head where id = 1 for update");
        AuditCheckpoint unsigned = new AuditCheckpoint(((Number) head.get("seq")).longValue(), (String) head.get("hash"),
                clock.instant().truncatedTo(ChronoUnit.SECONDS), "");
        AuditCheckpoint checkpoint = new AuditCheckpoint(unsigned.entries(), unsigned.headHash(), unsigned.at(),
                signingKey.sign(unsigned.signedText()));
        record(by, "audit.checkpoint", "entry " + checkpoint.entries(), "head " + checkpoint.headHash());
        return checkpoint;
    }

    /**
     * Checks the trail against a checkpoint an auditor kept: its signature, that the entry it names still
     * has the hash it recorded (nothing up to it changed, nothing was cut off before it), and the chain.
     * Recorded in the trail.
     */
    @Transactional
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN')) and #by == authentication.name")
    public ChainCheck verifyAgainst(AuditCheckpoint checkpoint, String by) {
        ChainCheck result = checkAgainst(checkpoint);
        record(by, "audit.verify-checkpoint", "entry " + checkpoint.entries(), result.intact() ? "holds" : result.reason());
        return result;
    }

    private ChainCheck checkAgainst(AuditCheckpoint checkpoint) {
        if (!signingKey.verify(checkpoint.signedText(), checkpoint.signature())) {
            return new ChainCheck(0, checkpoint.entries(), "the checkpoint's signature does not hold: it was changed, "
                    + "or not made by this installation");
        }
        ChainCheck chain = verify();
        if (!chain.intact()) {
            return chain;
        }
        if (chain.entries() < checkpoint.entries()) {
            return new ChainCheck(chain.entries(), chain.entries() + 1, "the trail holds " + chain.entries()
                    + " entries, fewer than the " + checkpoint.entries() + " of the checkpoint of " + checkpoint.at()
                    + ": entries were cut off");
        }
        String hash = checkpoint.entries() == 0 ? GENESIS : jdbc.queryForObject("select hash from audit_entry where seq = ?",
                String.class, checkpoint.entries());
        if (!checkpoint.headHash().equals(hash)) {
            return new ChainCheck(chain.entries(), checkpoint.entries(), "entry " + checkpoint.entries()
                    + " is not the one the checkpoint of " + checkpoint.at() + " recorded: the trail up to it was rewritten");
        }
        return chain;
    }

    /** Entries matching {@code query} as CSV (RFC 4180), with a header row. The export is recorded. */
    @Transactional
    @PreAuthorize("(hasRole('REVIEWER') or hasRole('ADMIN')) and #by == authentication.name")
    public String exportCsv(AuditQuery query, String by) {
        StringBuilder csv = new StringBuilder("seq,at,actor,action,subject,detail,hash\r\n");
        for (AuditEntry e : find(query)) {
            csv.append(e.seq()).append(',').append(e.at()).append(',').append(cell(e.actor())).append(',')
                    .append(cell(e.action())).append(',').append(cell(e.subject())).append(',').append(cell(e.detail()))
                    .append(',').append(e.hash()).append("\r\n");
        }
        record(by, "audit.export", "audit trail", query.toString());
        return csv.toString();
    }

    private static String cell(String value) {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    String hash(long seq, Instant at, String actor, String action, String subject, String detail, String prevHash) {
        return key.mac(Long.toString(seq), at.toString(), actor, action, subject, detail, prevHash);
    }

    private String headMac(long seq, String hash) {
        return key.mac("head", Long.toString(seq), hash);
    }
}
