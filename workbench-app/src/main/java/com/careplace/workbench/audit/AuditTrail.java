package com.careplace.workbench.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The workbench's audit trail. Entries are only ever appended; each one's hash covers its fields and
 * the previous hash, so an edited, removed or reordered entry breaks the chain at that point and
 * {@link #verify()} names it. Appends serialise on one head row, so several nodes chain in one order.
 */
@Service
public class AuditTrail {

    private static final RowMapper<AuditEntry> ENTRY = (rs, i) -> new AuditEntry(rs.getLong("seq"),
            rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
            rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));

    /** What the first entry links to. */
    static final String GENESIS = "0".repeat(64);

    private final JdbcTemplate jdbc;
    private final Clock clock = Clock.systemUTC();

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        jdbc.update("update audit_head set seq = ?, hash = ? where id = 1", seq, entry.hash());
        return entry;
    }

    /** Walks the whole trail and reports the first entry whose link or content does not hold. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
    public ChainCheck verify() {
        // The head first: entries appended while this runs lie beyond it and are not mistaken for a gap.
        Map<String, Object> head = jdbc.queryForMap("select seq, hash from audit_head where id = 1");
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

    /** Entries matching {@code query} as CSV (RFC 4180), with a header row. */
    @PreAuthorize("hasRole('REVIEWER') or hasRole('ADMIN')")
    public String exportCsv(AuditQuery query) {
        StringBuilder csv = new StringBuilder("seq,at,actor,action,subject,detail,hash\r\n");
        for (AuditEntry e : find(query)) {
            csv.append(e.seq()).append(',').append(e.at()).append(',').append(cell(e.actor())).append(',')
                    .append(cell(e.action())).append(',').append(cell(e.subject())).append(',').append(cell(e.detail()))
                    .append(',').append(e.hash()).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(String value) {
        // A leading =, +, - or @ would run as a formula in a spreadsheet.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static String hash(long seq, Instant at, String actor, String action, String subject, String detail, String prevHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : List.of(Long.toString(seq), at.toString(), actor, action, subject, detail, prevHash)) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                // Length-prefixed, so no two different entries can hash the same bytes.
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
