package com.careplace.decision.decisionlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The spool's record format: a frame per decision, {@code [payload length][CRC32C of payload][payload]}, so
 * that a frame torn by a crash mid-write, or a damaged one, is recognised rather than misread.
 */
final class SpoolFormat {

    /** Frame header: payload length and checksum. */
    static final int HEADER = 8;
    /** Larger than any decision the API accepts (a 16 MiB batch body, twice over for the decisions). */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;
    private static final byte VERSION = 1;

    private SpoolFormat() {
    }

    /** The frames of {@code records}, back to back, ready to append. */
    static ByteBuffer frames(java.util.List<DecisionRecord> records) {
        int size = 0;
        java.util.List<byte[][]> encoded = new java.util.ArrayList<>();
        for (DecisionRecord r : records) {
            byte[][] strings = {utf8(r.caller()), utf8(r.releaseId()), utf8(r.releaseVersion()), utf8(r.requestJson()),
                    utf8(r.decisionJson())};
            encoded.add(strings);
            size += HEADER + payloadSize(strings);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        int i = 0;
        for (DecisionRecord r : records) {
            byte[][] strings = encoded.get(i++);
            int start = out.position();
            out.position(start + HEADER);
            out.put(VERSION);
            out.putLong(r.decisionId().getMostSignificantBits()).putLong(r.decisionId().getLeastSignificantBits());
            out.putLong(r.decidedAt().getEpochSecond()).putInt(r.decidedAt().getNano());
            out.putLong(r.durationMicros());
            for (byte[] s : strings) {
                out.putInt(s == null ? -1 : s.length);
                if (s != null) {
                    out.put(s);
                }
            }
            int end = out.position();
            CRC32C crc = new CRC32C();
            crc.update(out.array(), start + HEADER, end - start - HEADER);
            out.putInt(start, end - start - HEADER).putInt(start + 4, (int) crc.getValue());
        }
        return out.flip();
    }

    /**
     * The payload length the header at {@code header} announces, or -1 when it cannot be a frame's.
     *
     * @param header eight bytes read at a frame's start
     */
    static int payloadLength(ByteBuffer header) {
        int length = header.getInt(0);
        return length < 1 || length > MAX_PAYLOAD ? -1 : length;
    }

    /** The record in {@code payload}, or null when its checksum (from {@code header}) does not match. */
    static DecisionRecord decode(ByteBuffer header, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != header.getInt(4)) {
            return null;
        }
        try {
            ByteBuffer in = payload.duplicate();
            if (in.get() != VERSION) {
                return null;
            }
            UUID id = new UUID(in.getLong(), in.getLong());
            Instant decidedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            long duration = in.getLong();
            return new DecisionRecord(id, decidedAt, string(in), string(in), string(in), string(in), string(in), duration);
        } catch (RuntimeException e) {
            return null; // a checksum collision on damaged data: treated as damage too
        }
    }

    private static int payloadSize(byte[][] strings) {
        int size = 1 + 16 + 12 + 8;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        return size;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
