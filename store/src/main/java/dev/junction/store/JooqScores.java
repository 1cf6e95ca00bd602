package dev.junction.store;

import dev.junction.engine.eval.Score;
import dev.junction.engine.eval.ScoreSink;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluators' scores into request_scores, in batches, and read back. {@link #record} never blocks: it puts the score
 * in a bounded queue ({@link Options#capacity}, 10,000 by default), or drops and counts it ({@link #dropped}) when the
 * queue is full. One background thread writes what is queued every {@link Options#flushEvery} (200 ms), or as soon as
 * {@link Options#batchSize} (500) are waiting, with one multi-row upsert: a request has one score per evaluator name,
 * the latest made wins. While the database fails, the batch in hand is tried again (after 0.2 s, doubling to 5 s) and
 * new scores wait in the queue up to its bound; so at most capacity + batchSize scores are held in memory. A score
 * the database refuses for its data is left out and counted ({@link #rejected}), as is one recorded without its
 * request, deployment, name, kind or time, or with a value that is not a number within ±1e100.
 *
 * <p><b>Scores may be lost</b>: they are sampled, so unlike request logs they are not journaled to disk. Scores still
 * queued when the process is killed are gone; {@link #close} writes what is queued, trying the database for up to
 * {@link Options#closeBudget}, and counts the rest as dropped.
 *
 * <p>A written batch with scores of requests older than an hour calls the {@link #onLate} listener with the oldest
 * request time (the rollup job's {@link RollupJob#reopen}: hours it settled are aggregated again).
 */
public final class JooqScores implements ScoreSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JooqScores.class);
    /** A batch whose oldest request is older than this tells the {@link #onLate} listener. */
    static final Duration LATE = Duration.ofHours(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * @param capacity    scores waiting at most; beyond, new ones are dropped
     * @param batchSize   scores per upsert (a flush happens as soon as this many wait)
     * @param flushEvery  how long the first score of a batch waits for others
     * @param closeBudget how long {@link #close} keeps trying the database
     */
    public record Options(int capacity, int batchSize, Duration flushEvery, Duration closeBudget) {
        public Options {
            if (capacity < 1 || batchSize < 1 || batchSize > 5_000) {
                throw new IllegalArgumentException("capacity must be positive and batchSize 1 to 5000");
            }
        }

        public static Options defaults() {
            return new Options(10_000, 500, Duration.ofMillis(200), Duration.ofSeconds(5));
        }
    }

    private final DSLContext dsl;
    private final Clock clock;
    private final Options options;
    private final BlockingQueue<Score> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Thread thread;
    private volatile Consumer<Instant> late;
    private volatile boolean closing;
    private volatile long closeDeadline;
    /** Failed tries of the batch in hand (writer thread only). */
    private int failing;

    /** Writes with the defaults; the writer thread starts at once. */
    public JooqScores(DSLContext dsl, Clock clock) {
        this(dsl, clock, Options.defaults());
    }

    public JooqScores(DSLContext dsl, Clock clock, Options options) {
        this(dsl, clock, options, true);
    }

    /** {@code start} false: no writer thread; {@link #close} writes on the caller's (tests). */
    JooqScores(DSLContext dsl, Clock clock, Options options, boolean start) {
        this.dsl = dsl;
        this.clock = clock;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.capacity());
        this.thread = start ? Thread.ofPlatform().name("junction-scores").daemon(true).start(this::run) : null;
    }

    @Override
    public void record(Score score) {
        if (!valid(score)) {
            if (rejected.incrementAndGet() % 1_000 == 1) LOG.warn("a score without its request, deployment, name, kind or time, or with a value beyond ±1e100, is not kept");
            return;
        }
        if (closing || !queue.offer(score)) {
            if (dropped.incrementAndGet() % 1_000 == 1) {
                LOG.warn("score dropped: {} are waiting for the database ({} dropped so far)", queue.size(), dropped.get());
            }
        }
    }

    /** The scores of one request, by name (for the log detail). */
    public List<Score> scoresOf(UUID requestId) {
        return scoresOf(dsl, requestId);
    }

    static List<Score> scoresOf(DSLContext dsl, UUID requestId) {
        return dsl.connectionResult(c -> ScoreRows.of(c, requestId));
    }

    /** Hears the oldest request time of each written batch that holds scores of requests older than an hour. */
    public void onLate(Consumer<Instant> listener) {
        this.late = listener;
    }

    public long written() { return written.get(); }
    public long dropped() { return dropped.get(); }
    public long rejected() { return rejected.get(); }
    public int queued() { return queue.size(); }

    private static boolean valid(Score s) {
        return s != null && s.id() != null && s.requestId() != null && s.requestCreatedAt() != null
                && s.deploymentKey() != null && s.name() != null && s.kind() != null && s.createdAt() != null
                && Math.abs(s.value()) <= ScoreRows.MAX_ABS_VALUE; // NaN and infinities too
    }

    private void run() {
        List<Score> batch = new ArrayList<>(options.batchSize());
        try {
            while (true) {
                if (batch.isEmpty() && !fill(batch)) {
                    if (closing && queue.isEmpty()) return;
                    continue;
                }
                if (write(batch)) {
                    if (failing > 0) LOG.info("scores written again after {} failed tries", failing);
                    batch.clear();
                    failing = 0;
                } else if (closing && System.nanoTime() - closeDeadline > 0) {
                    long lost = batch.size() + queue.size();
                    queue.clear();
                    dropped.addAndGet(lost);
                    LOG.error("{} score(s) not written before shutdown: the database is failing", lost);
                    return;
                } else {
                    failing++;
                    long ms = Math.min(MAX_BACKOFF.toMillis(), options.flushEvery().toMillis() << Math.min(failing - 1, 10));
                    Thread.sleep(closing ? Math.min(ms, 100) : ms);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the next batch from the queue: the first score, then more until the batch is full or {@code flushEvery}
     * has passed since the first (at once when closing). False when none came within {@code flushEvery}.
     */
    private boolean fill(List<Score> batch) throws InterruptedException {
        Score first = closing ? queue.poll() : queue.poll(options.flushEvery().toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) return false;
        batch.add(first);
        long deadline = System.nanoTime() + options.flushEvery().toNanos();
        while (batch.size() < options.batchSize()) {
            queue.drainTo(batch, options.batchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= options.batchSize() || closing || left <= 0) break;
            Score next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) break;
            batch.add(next);
        }
        return true;
    }

    /** One upsert of the batch; false when the database failed (the batch is to be tried again). */
    private boolean write(List<Score> batch) {
        List<Score> rows = ScoreRows.latestPerKey(batch);
        int[] refused = {0};
        try {
            dsl.connection(c -> {
                try {
                    ScoreRows.upsert(c, rows);
                } catch (SQLException e) {
                    if (!isDataError(e)) throw e;
                    for (Score s : rows) {
                        try {
                            ScoreRows.upsert(c, List.of(s));
                        } catch (SQLException one) {
                            if (!isDataError(one)) throw one;
                            refused[0]++;
                            LOG.error("score {} of request {} refused by the database and not kept: {}", s.name(),
                                    s.requestId(), one.getMessage());
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            if (failing == 0) LOG.warn("could not write {} score(s), trying again until it works: {}", rows.size(), e.getMessage());
            return false;
        }
        rejected.addAndGet(refused[0]);
        written.addAndGet(batch.size() - refused[0]);
        tellLate(rows);
        return true;
    }

    private void tellLate(List<Score> rows) {
        Consumer<Instant> listener = late;
        if (listener == null) return;
        Instant oldest = null;
        for (Score s : rows) if (oldest == null || s.requestCreatedAt().isBefore(oldest)) oldest = s.requestCreatedAt();
        if (!oldest.isBefore(clock.instant().minus(LATE))) return;
        try {
            listener.accept(oldest);
        } catch (RuntimeException e) {
            LOG.warn("the late-score listener failed (analytics may miss those scores until their hours are aggregated again): {}",
                    e.getMessage());
        }
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity): the rows are at fault, not the server. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** Stops taking scores and writes what is queued, trying the database for up to the close budget. */
    @Override
    public void close() {
        if (closing) return;
        closeDeadline = System.nanoTime() + options.closeBudget().toNanos();
        closing = true;
        if (thread == null) {
            run();
            return;
        }
        try {
            thread.join(options.closeBudget().plus(options.flushEvery()).plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
