package com.careplace.workbench.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A signed statement of the trail's state that an auditor keeps outside Careplace: "the trail held
 * {@code entries} entries, the last one hashing to {@code headHash}, at {@code at}". Verified later
 * against the trail, it shows that nothing up to it was changed or cut off since.
 *
 * @param entries   how many entries the trail held
 * @param headHash  the last entry's hash
 * @param at        when the checkpoint was taken
 * @param signature Ed25519 signature by the installation's signing key over the other fields
 */
public record AuditCheckpoint(long entries, String headHash, Instant at, String signature) {

    static final String FORMAT = "careplace-audit-checkpoint-v1";

    /** What is signed. */
    String signedText() {
        return String.join("\n", FORMAT, Long.toString(entries), headHash, at.toString());
    }

    /** The file an auditor keeps: one {@code key: value} line each. */
    public String toText() {
        return "format: " + FORMAT + "\nentries: " + entries + "\nhead-hash: " + headHash + "\nat: " + at
                + "\nsignature: " + signature + "\n";
    }

    /**
     * Reads a checkpoint file.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static AuditCheckpoint parse(String text) {
        Map<String, String> fields = text.lines().map(String::strip).filter(l -> l.contains(": "))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2),
                        (a, b) -> b, LinkedHashMap::new));
        if (!FORMAT.equals(fields.get("format"))) {
            throw new IllegalArgumentException("Not a Careplace audit checkpoint: the first line must be 'format: " + FORMAT + "'");
        }
        for (String field : new String[]{"entries", "head-hash", "at", "signature"}) {
            if (!fields.containsKey(field)) {
                throw new IllegalArgumentException("The checkpoint has no '" + field + ":' line");
            }
        }
        try {
            return new AuditCheckpoint(Long.parseLong(fields.get("entries")), fields.get("head-hash"),
                    Instant.parse(fields.get("at")), fields.get("signature"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The checkpoint's entries or time is malformed: " + e.getMessage(), e);
        }
    }
}
