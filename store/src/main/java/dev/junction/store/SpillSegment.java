package dev.junction.store;

import java.nio.file.Path;

/**
 * One journal segment file of {@link LogSpill} and what it holds. Guarded by the spill's lock.
 *
 * <p>A segment is <em>live</em> while every row of it was also handed to the database writer in memory: it is deleted
 * once those rows are committed ({@code outstanding} reaches 0) and it is sealed. It is <em>for replay</em> once a
 * row of it was released from memory (the memory budget was reached), or when an earlier run left it: the writer
 * then reads it back from disk, and deletes it when every row of it is committed.
 */
final class SpillSegment {
    final Path path;
    long rows;
    long bytes;
    /** Rows handed to the writer in memory and not committed yet. */
    long outstanding;
    boolean forReplay;
    boolean sealed;
    boolean deleted;

    SpillSegment(Path path, long rows, long bytes) {
        this.path = path;
        this.rows = rows;
        this.bytes = bytes;
    }

    @Override
    public String toString() {
        return path.getFileName() + " (" + rows + " rows, " + bytes + " bytes)";
    }
}
