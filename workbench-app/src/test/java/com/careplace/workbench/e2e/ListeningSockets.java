package com.careplace.workbench.e2e;

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
 * matched by inode), whichever library opened them. The decision service's tests have the same helper; test
 * classes do not travel between the modules.
 */
final class ListeningSockets {

    private ListeningSockets() {
    }

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/self/net/tcp"));
    }

    /** The ports this process listens on. */
    static Set<Integer> ofThisProcess() {
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
            Set<Integer> ports = new TreeSet<>();
            for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
                if (Files.isReadable(Path.of(table))) {
                    List<String> lines = Files.readAllLines(Path.of(table));
                    for (String line : lines.subList(1, lines.size())) {
                        // sl local_address rem_address st … inode; st 0A is LISTEN
                        String[] field = line.strip().split("\\s+");
                        if (field[3].equals("0A") && inodes.contains(field[9])) {
                            ports.add(Integer.parseInt(field[1].substring(field[1].indexOf(':') + 1), 16));
                        }
                    }
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
