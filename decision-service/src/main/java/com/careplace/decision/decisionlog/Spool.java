package com.careplace.decision.decisionlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The decision log's write-ahead spool: a directory of append-only segment files holding every answered
 * decision until the database has it. {@link #append} returns only once the records are on disk (fsync,
 * shared by the appends that arrive meanwhile); one reader (the log's writer thread) takes them back in
 * order with {@link #next}, and a segment is deleted once all of it is in the database.
 *
 * <p>Each node writes its own files ({@code <node>-<sequence>.spool}) and holds a lock on {@code <node>.lock},
 * so nodes may share a directory; files of a node that no longer holds its lock (it stopped or crashed) are
 * adopted and replayed by the next node that looks. The spool holds PHI: the directory is kept 700 and every
 * file 600.
 */
final class Spool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final Pattern FILE = Pattern.compile("([0-9a-f-]{36})-(\\d{10}|dead)\\.spool");
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final long MAX_SEGMENT = 16 * 1024 * 1024;
    private static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;
    /**
     * Nodes whose lock this JVM holds. On Linux, closing any channel to a locked file drops this process's
     * lock on it, so a node must not even try another in-JVM node's lock file.
     */
    private static final Set<String> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final boolean posix;
    private final String node = UUID.randomUUID().toString();
    private final long maxBytes;
    private final long segmentBytes;
    private final long fullWaitNanos;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition roomFreed = appendLock.newCondition();
    private final ReentrantLock syncLock = new ReentrantLock();
    /** What the reader still has to read, oldest first: adopted segments, then this node's own. */
    private final ConcurrentLinkedDeque<Segment> segments = new ConcurrentLinkedDeque<>();
    /** Nodes adopted by this spool whose files are not all replayed yet, with the lock held meanwhile. */
    private final Map<String, FileChannel> adopted = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final AtomicLong handledBytes = new AtomicLong();
    private Segment active; // guarded by appendLock
    private boolean closed; // guarded by appendLock
    private volatile boolean adopting = true;
    private long nextSequence; // guarded by appendLock
    private long idleMark = -1; // reader thread only: active.written when the reader last found nothing new
    private Segment deadLetter; // reader thread only

    private Spool(Path directory, long maxBytes, Duration fullWait) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(MAX_SEGMENT, maxBytes / 4));
        this.fullWaitNanos = fullWait.toNanos();
        this.posix = prepareDirectory(this.directory);
        Path lockFile = this.directory.resolve(node + ".lock");
        this.lockChannel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileMode());
        this.lock = lockChannel.lock();
        HELD_IN_THIS_JVM.add(node);
    }

    /**
     * Opens a spool in {@code directory} (created 700 if absent, tightened to 700 if not) and adopts what
     * earlier runs left there.
     *
     * @param maxBytes most bytes all spool files may hold; an append past it waits, then is refused
     * @param fullWait how long an append waits for room
     */
    static Spool open(Path directory, long maxBytes, Duration fullWait) {
        return open(directory, maxBytes, fullWait, true);
    }

    /**
     * As {@link #open(Path, long, Duration)}, adopting nothing unless {@code adopt}: an operator command must not
     * take over a crashed node's backlog (nor wait for it at exit).
     */
    static Spool open(Path directory, long maxBytes, Duration fullWait, boolean adopt) {
        try {
            Spool spool = new Spool(directory, maxBytes, fullWait);
            spool.adopting = adopt;
            spool.adoptOrphans();
            return spool;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the decision log spool in " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Bytes in spool files: decisions not yet in the database, and dead letters. */
    long bytes() {
        return bytes.get();
    }

    /** Decisions in the spool not yet in the database (nor dead-lettered). */
    long pending() {
        return pending.get();
    }

    /** Bytes appended by this node so far; {@link #handledBytes()} reaches it once all of them are handled. */
    long appendedBytes() {
        return appendedBytes.get();
    }

    long handledBytes() {
        return handledBytes.get();
    }

    /**
     * Appends {@code records} and returns once they are on disk.
     *
     * @throws DecisionLogUnavailableException when the spool stays full for the wait, or the disk fails
     */
    void append(List<DecisionRecord> records) {
        ByteBuffer frames = SpoolFormat.frames(records);
        int size = frames.remaining();
        Segment segment;
        long end;
        appendLock.lock();
        try {
            if (closed) {
                throw new DecisionLogUnavailableException("The decision log is stopping");
            }
            awaitRoom(size);
            segment = segmentFor(size);
            long start = segment.written;
            try {
                while (frames.hasRemaining()) {
                    segment.channel.write(frames, start + size - frames.remaining());
                }
            } catch (IOException e) {
                segment.sealed = true; // nothing more goes after a partial frame
                truncateQuietly(segment, start);
                throw new DecisionLogUnavailableException("The decision log spool could not be written ("
                        + e.getClass().getSimpleName() + ")");
            }
            end = start + size;
            segment.written = end;
            bytes.addAndGet(size);
            appendedBytes.addAndGet(size);
            segment.frames += records.size();
            pending.addAndGet(records.size());
        } finally {
            appendLock.unlock();
        }
        sync(segment, end);
    }

    private void awaitRoom(int size) {
        if (size > maxBytes) {
            throw new DecisionLogUnavailableException("The decisions are larger than the decision log spool may hold");
        }
        long deadline = System.nanoTime() + fullWaitNanos;
        while (bytes.get() + size > maxBytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new DecisionLogUnavailableException("The decision log spool is full (" + maxBytes
                        + " bytes) while the database is behind");
            }
            try {
                roomFreed.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DecisionLogUnavailableException("Interrupted while waiting for room in the decision log spool");
            }
        }
    }

    private Segment segmentFor(int size) {
        if (active == null || active.sealed || (active.written > 0 && active.written + size > segmentBytes)) {
            if (active != null) {
                active.sealed = true; // its appenders still sync it through their own reference
            }
            Path path = directory.resolve("%s-%010d.spool".formatted(node, nextSequence++));
            try {
                FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE), fileMode());
                syncDirectory(); // the new file's name must survive a crash as well as its content
                active = new Segment(path, channel, true, 0);
            } catch (IOException e) {
                active = null;
                throw new DecisionLogUnavailableException("The decision log spool could not create a file ("
                        + e.getClass().getSimpleName() + ")");
            }
            segments.add(active);
        }
        return active;
    }

    /** Group commit: one fsync covers every append written before it started. */
    private void sync(Segment segment, long end) {
        if (segment.durable >= end) {
            return;
        }
        syncLock.lock();
        try {
            if (segment.durable >= end) {
                return;
            }
            long target = segment.written;
            segment.channel.force(false);
            segment.durable = Math.max(segment.durable, target);
        } catch (IOException e) {
            segment.sealed = true;
            throw new DecisionLogUnavailableException("The decision log spool could not be synced to disk ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * A decision read back from the spool.
     *
     * @param record     the decision
     * @param segment    the file it is in
     * @param end        where its frame ends there
     * @param frameBytes its frame's size
     */
    record Entry(DecisionRecord record, Segment segment, long end, int frameBytes) {
    }

    /**
     * Up to {@code max} decisions on disk not yet {@link #commit committed}, oldest first, all from one
     * file; none when there is nothing to read (or the file cannot be read just now). Reader thread only.
     */
    List<Entry> next(int max) {
        for (Segment segment = segments.peek(); segment != null; segment = segments.peek()) {
            boolean sealed = segment.sealed; // read before reading: once sealed, nothing more is appended to it
            List<Entry> entries = read(segment, max);
            if (entries == null) {
                return List.of(); // cannot read it now; try again later, never skip it
            }
            if (!entries.isEmpty() || !sealed) {
                return entries; // empty: the reader has caught up with the active segment
            }
            if (segment.readOffset < segment.end()) {
                try {
                    sync(segment, segment.written); // appended but not yet synced: an fsync failed or is under way
                } catch (DecisionLogUnavailableException e) {
                    return List.of();
                }
                continue;
            }
            finish(segment);
        }
        return List.of();
    }

    private List<Entry> read(Segment segment, int max) {
        List<Entry> entries = new ArrayList<>();
        long position = segment.readOffset;
        long limit = segment.limit();
        int batchBytes = 0;
        ByteBuffer header = ByteBuffer.allocate(SpoolFormat.HEADER);
        try {
            while (entries.size() < max && batchBytes < MAX_BATCH_BYTES && position < limit) {
                DecisionRecord record = null;
                int length = -1;
                if (position + SpoolFormat.HEADER <= limit && readFully(segment.channel, header.clear(), position)) {
                    length = SpoolFormat.payloadLength(header);
                }
                if (length > 0 && position + SpoolFormat.HEADER + length <= limit) {
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    if (readFully(segment.channel, payload, position + SpoolFormat.HEADER)) {
                        record = SpoolFormat.decode(header, payload.flip());
                    }
                }
                if (record == null) {
                    damaged(segment, position);
                    break;
                }
                int frame = SpoolFormat.HEADER + length;
                position += frame;
                batchBytes += frame;
                entries.add(new Entry(record, segment, position, frame));
            }
        } catch (IOException e) {
            log.error("Decision log spool: cannot read {} ({}); retrying", segment.path.getFileName(), e.getClass().getName());
            return null;
        }
        return entries;
    }

    /** What follows {@code position} in {@code segment} is no frame: a write torn by a crash, or damage. */
    private void damaged(Segment segment, long position) {
        if (segment.own && !segment.sealed) {
            appendLock.lock();
            try {
                segment.sealed = true;
                if (active == segment) {
                    active = null;
                }
            } finally {
                appendLock.unlock();
            }
        }
        segment.damagedAt = position;
    }

    /** Marks {@code entries[0..count)} as in the database (or dead-lettered). Reader thread only. */
    void commit(List<Entry> entries, int count) {
        if (count == 0) {
            return;
        }
        Entry last = entries.get(count - 1);
        last.segment().readOffset = last.end();
        last.segment().committedFrames += count;
        if (last.segment().own) {
            handledBytes.addAndGet(entries.subList(0, count).stream().mapToLong(Entry::frameBytes).sum());
        }
        pending.addAndGet(-count);
    }

    /**
     * Retires the active file once the reader has consumed it and nothing was appended since the reader's
     * last look, so that an idle node keeps no PHI on disk. Reader thread only.
     */
    void retireIfIdle() {
        appendLock.lock();
        try {
            Segment current = active;
            if (current == null || current.readOffset < current.written || current.durable < current.written) {
                idleMark = -1;
                return;
            }
            if (idleMark == current.written || current.written >= segmentBytes) {
                current.sealed = true;
                active = null;
                idleMark = -1;
            } else {
                idleMark = current.written;
            }
        } finally {
            appendLock.unlock();
        }
    }

    private void finish(Segment segment) {
        try {
            if (segment.damagedAt >= 0 && segment.damagedAt < segment.written) {
                keepDamaged(segment);
            }
        } catch (IOException e) {
            log.error("Decision log spool: cannot set aside the damaged end of {} ({}); retrying",
                    segment.path.getFileName(), e.getClass().getName());
            return;
        }
        segments.remove(segment);
        closeQuietly(segment.channel);
        try {
            Files.deleteIfExists(segment.path);
        } catch (IOException e) {
            log.error("Decision log spool: cannot delete {} ({}); it is replayed again at the next start",
                    segment.path.getFileName(), e.getClass().getName());
        }
        bytes.addAndGet(-segment.written);
        pending.addAndGet(-Math.max(0, segment.frames - segment.committedFrames)); // damaged frames: no longer pending
        if (!segment.own) {
            releaseIfReplayed(segment.node);
        }
        appendLock.lock();
        try {
            roomFreed.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /** Copies what follows the last good frame to {@code <file>.damaged}, for inspection; the good frames are written. */
    private void keepDamaged(Segment segment) throws IOException {
        Path kept = segment.path.resolveSibling(segment.path.getFileName() + ".damaged");
        try (FileChannel out = FileChannel.open(kept, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), fileMode())) {
            long position = segment.damagedAt;
            while (position < segment.written) {
                long copied = segment.channel.transferTo(position, segment.written - position, out);
                if (copied <= 0) {
                    break; // the file is shorter than it was: nothing more to keep
                }
                position += copied;
            }
            out.force(false);
        }
        syncDirectory();
        log.warn("Decision log spool: {} holds no readable decision from byte {} on; the {} bytes from there are kept in {} "
                        + "(a write torn by a crash, never acknowledged, or damage; PHI: examine and delete)",
                segment.path.getFileName(), segment.damagedAt, segment.written - segment.damagedAt, kept.getFileName());
    }

    /**
     * Keeps a decision the database refuses in this node's dead-letter file, durably. Reader thread only.
     *
     * @return the dead-letter file
     */
    Path deadLetter(DecisionRecord record) throws IOException {
        if (deadLetter == null) {
            Path path = directory.resolve(node + "-dead.spool");
            FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), fileMode());
            syncDirectory();
            deadLetter = new Segment(path, channel, true, 0);
        }
        ByteBuffer frame = SpoolFormat.frames(List.of(record));
        int size = frame.remaining();
        long start = deadLetter.written;
        while (frame.hasRemaining()) {
            deadLetter.channel.write(frame, start + size - frame.remaining());
        }
        deadLetter.channel.force(false);
        deadLetter.written += size;
        bytes.addAndGet(size);
        return deadLetter.path;
    }

    /**
     * Takes over the files of nodes that no longer hold their lock (stopped or crashed), to be replayed
     * before this node's own: their decisions and their dead letters, which get one more try.
     */
    void adoptOrphans() throws IOException {
        if (!adopting) {
            return;
        }
        Map<String, List<Path>> byNode = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches() && !m.group(1).equals(node)) {
                    byNode.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
                }
            });
        }
        for (Map.Entry<String, List<Path>> orphan : byNode.entrySet()) {
            String other = orphan.getKey();
            FileChannel otherLock;
            synchronized (HELD_IN_THIS_JVM) {
                if (HELD_IN_THIS_JVM.contains(other)) {
                    continue;
                }
                otherLock = tryLock(other);
                if (otherLock == null) {
                    continue;
                }
                HELD_IN_THIS_JVM.add(other);
            }
            adopted.put(other, otherLock);
            List<Path> files = new ArrayList<>(orphan.getValue());
            files.sort(Comparator.comparing(Path::toString)); // sequence order; "dead" sorts after the digits
            List<Segment> theirs = new ArrayList<>();
            long adoptedBytes = 0;
            long decisions = 0;
            for (Path file : files) {
                FileChannel channel;
                try {
                    restrict(file, FILE_MODE);
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    continue; // replayed and deleted by another node since the listing
                }
                long size = channel.size();
                Segment segment = new Segment(file, channel, false, size);
                segment.node = other;
                segment.sealed = true;
                segment.frames = countFrames(channel, size);
                theirs.add(segment);
                decisions += segment.frames;
                adoptedBytes += size;
            }
            bytes.addAndGet(adoptedBytes);
            pending.addAndGet(decisions);
            for (Segment segment : theirs.reversed()) {
                segments.addFirst(segment); // older than anything of this node's own
            }
            if (theirs.isEmpty()) {
                releaseIfReplayed(other);
            } else {
                log.info("Decision log spool: replaying {} decisions ({} bytes) left in {} by an earlier run",
                        decisions, adoptedBytes, directory);
            }
        }
    }

    private FileChannel tryLock(String other) throws IOException {
        FileChannel channel = FileChannel.open(directory.resolve(other + ".lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), fileMode());
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held in this JVM by a spool not registered yet: not an orphan
        }
        channel.close();
        return null;
    }

    private void releaseIfReplayed(String other) {
        if (segments.stream().anyMatch(s -> other.equals(s.node))) {
            return;
        }
        FileChannel otherLock = adopted.remove(other);
        if (otherLock != null) {
            try {
                Files.deleteIfExists(directory.resolve(other + ".lock"));
            } catch (IOException e) {
                // an empty lock file is harmless
            }
            closeQuietly(otherLock);
            HELD_IN_THIS_JVM.remove(other);
        }
    }

    private static long countFrames(FileChannel channel, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SpoolFormat.HEADER);
        long position = 0;
        long count = 0;
        while (position + SpoolFormat.HEADER <= size && readFully(channel, header.clear(), position)) {
            int length = SpoolFormat.payloadLength(header);
            if (length < 0 || position + SpoolFormat.HEADER + length > size) {
                break;
            }
            position += SpoolFormat.HEADER + length;
            count++;
        }
        return count;
    }

    /** Releases this node's lock; unwritten decisions stay on disk for the next node to replay. */
    @Override
    public void close() {
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            active = null;
            for (Segment segment : segments) {
                closeQuietly(segment.channel);
            }
            if (deadLetter != null) {
                closeQuietly(deadLetter.channel);
            }
            for (FileChannel otherLock : adopted.values()) {
                closeQuietly(otherLock);
            }
            adopted.keySet().forEach(HELD_IN_THIS_JVM::remove);
            boolean empty = segments.stream().noneMatch(s -> s.own);
            try {
                if (empty) {
                    Files.deleteIfExists(directory.resolve(node + ".lock"));
                }
                lock.release();
            } catch (IOException e) {
                // released with the channel below
            }
            closeQuietly(lockChannel);
            HELD_IN_THIS_JVM.remove(node);
            if (!segments.isEmpty()) {
                log.warn("Decision log spool: stopped with {} decisions not yet in the database; they stay in {} and are "
                        + "written by the next node started on it", pending.get(), directory);
            }
        } finally {
            appendLock.unlock();
        }
    }

    /** One spool file. */
    static final class Segment {
        final Path path;
        final FileChannel channel;
        final boolean own;
        String node;
        volatile long written;
        volatile long durable;
        volatile boolean sealed;
        volatile long readOffset;
        volatile long damagedAt = -1;
        /** Frames in the file (appended, or counted when adopted) and how many of them are handled. */
        volatile long frames;
        volatile long committedFrames;

        Segment(Path path, FileChannel channel, boolean own, long size) {
            this.path = path;
            this.channel = channel;
            this.own = own;
            this.written = size;
            this.durable = size;
        }

        /** Where reading stops for now: what is on disk for sure, or where damage starts. */
        long limit() {
            return damagedAt >= 0 ? damagedAt : durable;
        }

        /** Where reading stops for good, once the segment is sealed. */
        long end() {
            return damagedAt >= 0 ? damagedAt : written;
        }
    }

    private static boolean readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                return false;
            }
        }
        return true;
    }

    private FileAttribute<?>[] fileMode() {
        return posix ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
    }

    private static boolean prepareDirectory(Path directory) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.getParent());
            if (posix) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } else {
                Files.createDirectory(directory);
            }
        }
        if (posix) {
            restrict(directory, DIRECTORY_MODE);
        } else {
            log.warn("Decision log spool: {} has no POSIX permissions; protect it (it holds PHI) by other means", directory);
        }
        return posix;
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(mode)) {
            view.setPermissions(mode);
            log.info("Decision log spool: permissions of {} set to {}", path.getFileName(), PosixFilePermissions.toString(mode));
        }
    }

    private void syncDirectory() throws IOException {
        if (!posix) {
            return; // Windows cannot open a directory as a channel; NTFS journals the name anyway
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void truncateQuietly(Segment segment, long size) {
        try {
            segment.channel.truncate(size);
        } catch (IOException e) {
            // the reader stops at 'written' anyway; a restart finds the partial frame and keeps it aside
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do: closing for good
        }
    }

}
