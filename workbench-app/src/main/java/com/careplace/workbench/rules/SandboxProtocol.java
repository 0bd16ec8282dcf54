package com.careplace.workbench.rules;

import com.careplace.placement.PlacementRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * What the workbench and a sandbox worker say to each other over the worker's stdin and stdout:
 * length-prefixed Java-serialised records. Both sides read through an allowlist filter (JEP 290), so
 * a worker whose rules misbehaved can send wrong answers but no object graph that runs code in the
 * workbench: only our records, the JDK's collections, boxes, enums and {@code java.time} values.
 */
final class SandboxProtocol {

    /** Largest message either side accepts. */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=5000000;maxarray=5000000;maxbytes=" + MAX_BYTES + ";"
                    + "com.careplace.workbench.rules.*;com.careplace.scenario.*;com.careplace.placement.*;"
                    + "com.careplace.placement.facts.*;java.lang.*;java.util.*;java.time.*;!*");

    private SandboxProtocol() {
    }

    /** A unit of work for a worker. */
    sealed interface Job extends Serializable permits Check, Decide {
    }

    /** Compile, apply the policy, run the suites among {@code assets}. */
    record Check(List<RuleAsset> assets) implements Job {
    }

    /** Compile {@code assets} and decide each request with them. */
    record Decide(List<RuleAsset> assets, List<PlacementRequest> requests) implements Job {
    }

    /** The worker's first message: it has checked the 1.0.0 rules once, so its JIT is warm. */
    record Ready(long warmUpMillis) implements Serializable {
    }

    /** The answer to {@link Decide}: the decisions, or why the rules did not compile. */
    record Decisions(List<RuleSandbox.Decided> decided, String notCompiled) implements Serializable {
    }

    /** Something failed in the worker outside the rules' own outcome. */
    record Failure(String message) implements Serializable {
    }

    static void write(DataOutputStream out, Object message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject(message);
        }
        out.writeInt(bytes.size());
        bytes.writeTo(out);
        out.flush();
    }

    static Object read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("message of " + length + " bytes refused");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("message cut short");
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            objects.setObjectInputFilter(FILTER);
            return objects.readObject();
        } catch (InvalidClassException | ClassNotFoundException e) {
            throw new IOException("message refused: " + e.getMessage(), e);
        }
    }
}
