package com.careplace.workbench.review;

import com.careplace.workbench.authoring.ChangeRequest;
import com.careplace.workbench.authoring.ReviewerComments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Verdicts in the review table; also tells authoring's screens why a change request came back. */
@Repository
class Verdicts implements ReviewerComments {

    private static final RowMapper<Verdict> VERDICT = (rs, i) -> new Verdict(rs.getString("change_request_id"),
            rs.getString("reviewer"), "APPROVED".equals(rs.getString("verdict")), rs.getString("comment"),
            rs.getTimestamp("at").toInstant());

    private final JdbcTemplate jdbc;

    Verdicts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Verdict verdict) {
        jdbc.update("insert into review (id, change_request_id, reviewer, verdict, comment, at) values (?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), verdict.changeRequestId(), verdict.reviewer(),
                verdict.approved() ? "APPROVED" : "REJECTED", verdict.comment(), Timestamp.from(verdict.at()));
    }

    /** The latest verdict on a change request, if it had one. */
    Optional<Verdict> latest(String changeRequestId) {
        return jdbc.query("select * from review where change_request_id = ? order by at desc, id fetch first 1 rows only",
                VERDICT, changeRequestId).stream().findFirst();
    }

    @Override
    public Map<String, SentBack> sentBack(List<ChangeRequest> requests) {
        List<String> open = requests.stream().filter(r -> r.status() == ChangeRequest.Status.OPEN).map(ChangeRequest::id).toList();
        Map<String, SentBack> sentBack = new HashMap<>();
        if (open.isEmpty()) {
            return sentBack;
        }
        // Oldest first, so each change request ends with its latest verdict; an approval would end it, but approved ones are not open.
        jdbc.query("select * from review where change_request_id in (" + String.join(", ", Collections.nCopies(open.size(), "?"))
                + ") order by at, id", VERDICT, open.toArray()).forEach(v -> {
            if (v.approved()) {
                sentBack.remove(v.changeRequestId());
            } else {
                sentBack.put(v.changeRequestId(), new SentBack(v.reviewer(), v.comment(), v.at()));
            }
        });
        return sentBack;
    }
}
