package dev.junction.store;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay of the request log's journal segments that wait for it (rows released from memory, or left by an
 * earlier run), for {@link BatchingLogWriter}'s writer thread: the oldest segment is read, handed out in chunks, and
 * deleted once every chunk of it is committed. A listener (the
 * analytics rollup job) hears the oldest time of each committed chunk, so that hours it had settled are counted
 * again. Used by that one thread only, but for the listener, which may be set from any.
 */
final class SpillReplay {
    private static final Logger LOG = LoggerFactory.getLogger(SpillReplay.class);

    private final LogSpill spill;
    private final int chunkRows;
    private final Duration retryDelay;
    private volatile Consumer<Instant> listener;
    private SpillSegment segment;
    private List<Object[]> rows;
    private int position;

    SpillReplay(LogSpill spill, int chunkRows, Duration retryDelay) {
        this.spill = spill;
        this.chunkRows = chunkRows;
        this.retryDelay = retryDelay;
    }

    /** Whether rows wait to be replayed (a segment in hand, or any on disk). */
    boolean waiting() {
        return rows != null || spill.pending() > 0;
    }

    /** The next chunk of spilled rows, empty when none is waiting (or a segment could not be read just now). */
    List<Object[]> next() {
        if (rows == null) {
            SpillSegment next = spill.next();
            if (next == null) return List.of();
            try {
                rows = spill.read(next);
                segment = next;
                position = 0;
            } catch (IOException e) {
                LOG.error("could not read spill segment {} (trying again in {} ms): {}", next, retryDelay.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(retryDelay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        }
        if (position >= rows.size()) {
            committed(List.of());
            return List.of();
        }
        return rows.subList(position, Math.min(rows.size(), position + chunkRows));
    }

    /** The chunk {@link #next} gave is in the database: tell the listener; delete a segment whose rows all are. */
    void committed(List<Object[]> chunk) {
        notifyListener(chunk);
        position += chunk.size();
        if (position < rows.size()) return;
        try {
            spill.delete(segment);
        } catch (IOException e) {
            LOG.warn("could not delete replayed spill segment {} (its rows are in the database; a replay skips them): {}",
                    segment, e.getMessage());
        }
        rows = null;
        segment = null;
        if (spill.pending() == 0) LOG.info("the request log spill is written to the database and empty");
    }

    void onReplayed(Consumer<Instant> listener) {
        this.listener = listener;
    }

    private void notifyListener(List<Object[]> chunk) {
        Consumer<Instant> l = listener;
        if (l == null || chunk.isEmpty()) return;
        OffsetDateTime oldest = null;
        for (Object[] row : chunk) {
            OffsetDateTime t = (OffsetDateTime) row[1];
            if (oldest == null || t.isBefore(oldest)) oldest = t;
        }
        try {
            l.accept(oldest.toInstant());
        } catch (RuntimeException e) {
            LOG.warn("the replay listener failed (analytics may miss replayed rows until their hours are re-aggregated): {}",
                    e.getMessage());
        }
    }
}
