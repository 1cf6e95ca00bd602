package dev.junction.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request log's journal on disk: append-only segment files {@code segment-<n>.jsonl} in one directory, one row
 * per line ({@link SpillLines}). Every entry is journaled here before the database sees it. Lines are appended to
 * the newest segment, which is sealed when it reaches {@code segmentBytes} (or when the writer wants to replay it).
 * A segment whose rows all went to the database writer in memory ({@link SpillSegment live}) is deleted once they
 * are committed; one with rows released from memory, or left by an earlier run, is read back and replayed by
 * {@link SpillReplay} and deleted once all its rows are committed. A new run never appends to an old segment.
 *
 * <p>Durability: every {@link #journal} writes its lines with one write and forces them to the device
 * ({@code fsync}) before it returns. A line cut short by a crash is recognised (no newline, or no JSON object),
 * skipped and counted in {@link #corrupt()}; a failed write is cut back so that no half line stays.
 *
 * <p>Bound: the segments on disk never hold more than {@code maxBytes}; {@link #journal} takes lines until the next
 * would pass it. The directory is the owner's only (0700, its files 0600: they hold prompts and identities), and is
 * owned by one process at a time (a lock file).
 */
final class LogSpill implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogSpill.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final DataDirLock lock;
    /** Sealed segments waiting for replay, oldest first. */
    private final TreeSet<SpillSegment> forReplay = new TreeSet<>((a, b) -> a.path.compareTo(b.path));
    /** Sealed live segments whose rows are not all committed yet. */
    private final Set<SpillSegment> live = new HashSet<>();
    private SpillSegment open;
    private FileChannel openChannel;
    private long nextNumber;
    private volatile long bytes;
    private volatile long pending;
    private volatile long replayBytes;
    private volatile long corrupt;
    private long leftAtClose;

    LogSpill(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        try {
            OwnerOnlyFiles.directory(dir);
            lock = DataDirLock.acquire(dir.resolve(".lock"), "the request log spill directory " + dir
                    + " is in use by another running Junction; give each instance its own --data-dir");
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.toList();
            }
            for (Path f : files) OwnerOnlyFiles.tighten(f); // an earlier version made them 0644
            for (Path f : files.stream().filter(LogSpill::isSegment).sorted().toList()) {
                SpillSegment s = new SpillSegment(f, SpillLines.countLines(f), Files.size(f));
                if (s.bytes == 0) {
                    Files.delete(f);
                    continue;
                }
                s.sealed = true;
                s.forReplay = true;
                forReplay.add(s);
                bytes += s.bytes;
                replayBytes += s.bytes;
                pending += s.rows;
                nextNumber = Math.max(nextNumber, number(f) + 1);
            }
            if (pending > 0) LOG.warn("{} request log(s) journaled by an earlier run wait in {} to be written", pending, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the request log spill directory " + dir, e);
        }
    }

    /**
     * Journals lines (each ending in a newline, oldest first) and forces them to disk: returns the segment of each
     * line taken, in order. Stops at the first line that would take the journal past its bound. Every line taken
     * counts as handed to the writer in memory until {@link #release} or {@link #committed} says otherwise. When the
     * disk refuses a write, returns the lines already on disk, or throws if there are none.
     */
    synchronized List<SpillSegment> journal(List<byte[]> lines) throws IOException {
        List<SpillSegment> where = new ArrayList<>(lines.size());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(lines.size() * 1024, 1 << 20));
        int buffered = 0;
        try {
            for (byte[] line : lines) {
                if (bytes + buffer.size() + line.length > maxBytes) break;
                if (open != null && open.bytes + buffer.size() + line.length > segmentBytes && open.bytes + buffer.size() > 0) {
                    flush(buffer, buffered, where);
                    buffer.reset();
                    buffered = 0;
                    sealOpen();
                }
                if (open == null) openSegment();
                buffer.write(line);
                buffered++;
            }
            flush(buffer, buffered, where);
        } catch (IOException e) {
            if (where.isEmpty()) throw e;
            LOG.error("could not journal {} request log(s): {}", lines.size() - where.size(), e.getMessage());
        }
        return where;
    }

    /** Appends rows that are on disk only (not handed to the writer): they wait for replay. Returns how many it took. */
    int append(List<Object[]> rows) throws IOException {
        List<SpillSegment> where = journal(rows.stream().map(SpillLines::line).toList());
        for (SpillSegment s : where) release(s, 1);
        return where.size();
    }

    private void openSegment() throws IOException {
        Path path = dir.resolve(String.format("%s%019d%s", PREFIX, nextNumber++, SUFFIX));
        openChannel = OwnerOnlyFiles.openForWriting(path, StandardOpenOption.CREATE_NEW);
        open = new SpillSegment(path, 0, 0);
        OwnerOnlyFiles.forceDirectory(dir); // the new file's name survives a power cut too
    }

    private void flush(ByteArrayOutputStream buffer, int lines, List<SpillSegment> where) throws IOException {
        if (lines == 0) return;
        long before = openChannel.size();
        try {
            ByteBuffer data = ByteBuffer.wrap(buffer.toByteArray());
            while (data.hasRemaining()) openChannel.write(data);
            openChannel.force(false);
        } catch (IOException e) {
            try {
                openChannel.truncate(before);
            } catch (IOException ignored) {
                // the half line is skipped as corrupt when read
            }
            throw e;
        }
        open.bytes += buffer.size();
        open.rows += lines;
        open.outstanding += lines;
        bytes += buffer.size();
        if (open.forReplay) {
            pending += lines;
            replayBytes += buffer.size();
        }
        for (int i = 0; i < lines; i++) where.add(open);
    }

    private void sealOpen() throws IOException {
        if (open == null) return;
        SpillSegment s = open;
        openChannel.close();
        open = null;
        openChannel = null;
        s.sealed = true;
        if (s.forReplay) {
            forReplay.add(s);
        } else if (s.outstanding == 0) {
            deleteFile(s);
        } else {
            live.add(s);
        }
    }

    /** Rows of a segment were not handed to the writer (memory is full): the segment is replayed from disk. */
    synchronized void release(SpillSegment s, int rows) {
        s.outstanding -= rows;
        if (s.forReplay || s.deleted) return;
        s.forReplay = true;
        pending += s.rows;
        replayBytes += s.bytes;
        if (live.remove(s)) forReplay.add(s);
    }

    /** Rows the writer had in memory are committed: a sealed live segment with none left is deleted. */
    synchronized void committed(SpillSegment s, int rows) {
        s.outstanding -= rows;
        if (s.sealed && !s.forReplay && s.outstanding <= 0 && !s.deleted) {
            live.remove(s);
            try {
                deleteFile(s);
            } catch (IOException e) {
                LOG.warn("could not delete journal segment {} (its rows are in the database; a replay skips them): {}",
                        s, e.getMessage());
            }
        }
    }

    /** The oldest segment waiting for replay (sealing the open one when it is for replay and the last), or null. */
    synchronized SpillSegment next() {
        if (forReplay.isEmpty() && open != null && open.forReplay && open.rows > 0) {
            try {
                sealOpen();
            } catch (IOException e) {
                LOG.warn("could not seal journal segment {}: {}", open, e.getMessage());
            }
        }
        return forReplay.isEmpty() ? null : forReplay.first();
    }

    /** The rows of a sealed segment; lines cut short or unreadable are skipped, counted and logged. */
    List<Object[]> read(SpillSegment segment) throws IOException {
        SpillLines.Read read = SpillLines.read(Files.readAllBytes(segment.path), segment.rows);
        if (read.bad() > 0) {
            corrupt += read.bad();
            LOG.error("{} line(s) of spill segment {} could not be read and are lost", read.bad(), segment.path);
        }
        return read.rows();
    }

    /** Deletes a replayed segment whose rows are all committed. */
    synchronized void delete(SpillSegment segment) throws IOException {
        forReplay.remove(segment);
        deleteFile(segment);
    }

    private void deleteFile(SpillSegment s) throws IOException {
        if (s.deleted) return;
        Files.deleteIfExists(s.path);
        s.deleted = true;
        bytes -= s.bytes;
        if (s.forReplay) {
            pending -= s.rows;
            replayBytes -= s.bytes;
        }
    }

    /** Rows on disk waiting for replay (an earlier run's included). */
    long pending() {
        return pending;
    }

    /** Bytes of the segments on disk (what the bound applies to). */
    long bytes() {
        return bytes;
    }

    /** Bytes of the segments waiting for replay. */
    long replayBytes() {
        return replayBytes;
    }

    /** Journaled lines that could not be read back (cut short by a crash). */
    long corrupt() {
        return corrupt;
    }

    /**
     * Seals the open segment and leaves every segment with rows not committed on disk for the next start; returns
     * how many rows the writer still had in memory (they are on disk only from now on).
     */
    @Override
    public synchronized void close() {
        try {
            sealOpen();
        } catch (IOException e) {
            LOG.warn("could not close journal segment: {}", e.getMessage());
        }
        long left = 0;
        for (SpillSegment s : live) left += Math.max(0, s.outstanding);
        for (SpillSegment s : forReplay) left += Math.max(0, s.outstanding);
        for (SpillSegment s : List.copyOf(live)) release(s, 0);
        leftAtClose = left;
        lock.close();
    }

    /** After {@link #close}: rows the writer held in memory that are now on disk only. */
    synchronized long leftAtClose() {
        return leftAtClose;
    }

    private static boolean isSegment(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static long number(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
