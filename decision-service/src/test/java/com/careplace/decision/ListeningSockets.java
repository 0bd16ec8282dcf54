package com.careplace.decision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP ports this JVM listens on, from Linux's {@code /proc}: the listening sockets of the network namespace
 * ({@code /proc/self/net/tcp}, {@code tcp6}) that are among this process's own open files ({@code /proc/self/fd},
 * matched by inode). Sees every listener, whichever library opened it. The workbench's tests keep a copy:
 * a test jar would put this module's test classes into the workbench's Modulith model.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether this machine has the {@code /proc} files this reads. */
    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/self/net/tcp"));
    }

    /** Fails, saying why, where {@code /proc} is missing: Careplace runs on Linux, and a skipped check proves nothing. */
    public static void requireAvailable() {
        if (!available()) {
            throw new IllegalStateException("This test reads Linux's /proc (/proc/self/fd, /proc/self/net/tcp), which this machine lacks");
        }
    }

    /** Every listening socket of this process, as {@code address:port} (address in /proc's hex). */
    public static Set<String> ofThisProcess() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed between listing and reading: not a listener now
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(1, lines.size())) {
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
                    String[] field = line.strip().split("\\s+");
                    if (field[3].equals(LISTEN) && inodes.contains(field[9])) {
                        listening.add(field[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return listening;
    }

    /** The port of an {@code address:port} entry. */
    public static int port(String socket) {
        return Integer.parseInt(socket.substring(socket.indexOf(':') + 1), 16);
    }
}
