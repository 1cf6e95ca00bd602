package dev.junction.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk overflow of the request log: append-only segment files {@code segment-<n>.jsonl} in one directory,
 * one row per line as {@link LogRows#write} makes it. Rows are appended to the newest segment; a segment is sealed
 * when it reaches {@code segmentBytes} or when the writer wants to replay it, and from then on is only read, and
 * deleted once every row of it is committed in PostgreSQL. Segments left by an earlier run are replayed oldest
 * first; a new run never appends to them.
 *
 * <p>Durability: every {@link #append} writes its rows with one write and then forces them to the device
 * ({@code fsync}) before it returns. A line cut short by a crash is recognised (it has no newline, or is no JSON
 * object), skipped and counted in {@link #corrupt()}; a failed write is cut back so that no half line stays.
 *
 * <p>Bound: the segments on disk never hold more than {@code maxBytes}; {@link #append} takes rows until the next
 * would pass it and says how many it took. The directory is owned by one process at a time (a lock file).
 */
final class LogSpill implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogSpill.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";

    /** One segment file and what it holds. */
    static final class Segment {
        final Path path;
        long rows;
        long bytes;

        Segment(Path path, long rows, long bytes) {
            this.path = path;
            this.rows = rows;
            this.bytes = bytes;
        }

        @Override
        public String toString() {
            return path.getFileName() + " (" + rows + " rows, " + bytes + " bytes)";
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Deque<Segment> sealed = new ArrayDeque<>();
    private Segment open;
    private FileChannel openChannel;
    private long nextNumber;
    private volatile long bytes;
    private volatile long pending;
    private volatile long corrupt;

    LogSpill(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = lockChannel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                taken = null;
            }
            lock = taken;
            if (lock == null) {
                lockChannel.close();
                throw new StartupFailure("the request log spill directory " + dir + " is in use by another running"
                        + " Junction; give each instance its own --data-dir", null);
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                        && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            for (Path f : files) {
                Segment s = new Segment(f, countLines(f), Files.size(f));
                if (s.bytes == 0) {
                    Files.delete(f);
                    continue;
                }
                sealed.add(s);
                bytes += s.bytes;
                pending += s.rows;
                nextNumber = Math.max(nextNumber, number(f) + 1);
            }
            if (pending > 0) LOG.warn("{} request log(s) spilled by an earlier run wait in {} to be written", pending, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the request log spill directory " + dir, e);
        }
    }

    /**
     * Appends rows (oldest first) and forces them to disk. Stops at the first row that would take the spill past its
     * bound: returns how many rows it took, the first ones. Throws when the disk refuses the write (nothing taken).
     */
    synchronized int append(List<Object[]> rows) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(rows.size() * 1024);
        int taken = 0;
        long lines = 0;
        for (Object[] row : rows) {
            byte[] line = line(row);
            if (bytes + buffer.size() + line.length > maxBytes) break;
            long inOpen = open == null ? 0 : open.bytes; // a segment opened by this very append counts too
            if (inOpen + buffer.size() + line.length > segmentBytes && inOpen + buffer.size() > 0) {
                flush(buffer, lines);
                buffer.reset();
                lines = 0;
                sealOpen();
            }
            buffer.write(line);
            lines++;
            taken++;
        }
        flush(buffer, lines);
        return taken;
    }

    private void flush(ByteArrayOutputStream buffer, long lines) throws IOException {
        if (lines == 0) return;
        if (open == null) {
            Path path = dir.resolve(String.format("%s%019d%s", PREFIX, nextNumber++, SUFFIX));
            openChannel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            open = new Segment(path, 0, 0);
        }
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
        bytes += buffer.size();
        pending += lines;
    }

    private void sealOpen() throws IOException {
        if (open == null) return;
        openChannel.close();
        sealed.add(open);
        open = null;
        openChannel = null;
    }

    /** The oldest segment waiting to be written (sealing the open one when it is the last), or null. */
    synchronized Segment next() {
        if (sealed.isEmpty() && open != null && open.rows > 0) {
            try {
                sealOpen();
            } catch (IOException e) {
                LOG.warn("could not seal spill segment {}: {}", open, e.getMessage());
            }
        }
        return sealed.peekFirst();
    }

    /** The rows of a sealed segment; lines cut short or unreadable are skipped, counted and logged. */
    List<Object[]> read(Segment segment) throws IOException {
        byte[] data = Files.readAllBytes(segment.path);
        List<Object[]> rows = new ArrayList<>((int) Math.min(segment.rows, 1_000_000));
        int start = 0;
        int bad = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i < data.length && data[i] != '\n') continue;
            if (i == data.length) {
                if (start < data.length) bad++; // a last line with no newline: cut short by a crash
                break;
            }
            try {
                JsonNode node = LogRows.READER.readTree(data, start, i - start);
                rows.add(LogRows.read(node));
            } catch (IOException | RuntimeException e) {
                bad++;
            }
            start = i + 1;
        }
        if (bad > 0) {
            corrupt += bad;
            LOG.error("{} line(s) of spill segment {} could not be read and are lost", bad, segment.path);
        }
        return rows;
    }

    /** Deletes a segment whose rows are all committed. */
    synchronized void delete(Segment segment) throws IOException {
        Files.deleteIfExists(segment.path);
        if (sealed.remove(segment)) {
            bytes -= segment.bytes;
            pending -= segment.rows;
        }
    }

    /** Rows on disk not yet written to the database. */
    long pending() {
        return pending;
    }

    /** Bytes of the segments on disk. */
    long bytes() {
        return bytes;
    }

    /** Spilled lines that could not be read back (cut short by a crash). */
    long corrupt() {
        return corrupt;
    }

    @Override
    public synchronized void close() {
        try {
            sealOpen();
        } catch (IOException e) {
            LOG.warn("could not close spill segment: {}", e.getMessage());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("spill lock release failed", e);
        }
    }

    private static byte[] line(Object[] row) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = LogRows.READER.getFactory().createGenerator(out)) {
            LogRows.write(g, row);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) if (buf.get() == '\n') n++;
                buf.clear();
            }
        }
        return n;
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
