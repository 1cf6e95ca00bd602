package dev.junction.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps request_rollups and score_rollups up to date. Every run (every {@code period}), under a PostgreSQL advisory
 * lock so that of several gateways on one database one does the work, it settles the hours that ended at least
 * {@code grace} ago: each hour from {@code rollup_state.settled_until - relook} is aggregated again from request_logs
 * (and the evaluators' scores from request_scores, by their request's hour) and replaces its rollup rows in one
 * transaction (delete, then insert), then settled_until moves on. Re-aggregating replaces rather than adds, so a run
 * repeated, or a second instance, never counts a row twice, and rows that arrive late (within grace + relook of
 * their hour's end) are counted by a later run. Analytics read hours before settled_until from here and later ones
 * from request_logs. A backlog (a first start on an old database) is worked off a day per transaction. Rows older
 * than that, replayed much later (from the log writer's spill file, say), or scores of old requests written late
 * ({@link JooqScores#onLate}), are counted after {@link #reopen}, which moves settled_until back.
 */
public final class RollupJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupJob.class);
    /** The advisory lock of the job ("JUNC" "ROLL"). */
    static final long LOCK = 0x4A554E43_524F4C4CL;
    private static final Duration CHUNK = Duration.ofDays(1);

    private final DSLContext dsl;
    private final Clock clock;
    private final Duration grace;
    private final Duration relook;
    private ScheduledExecutorService scheduler;

    public RollupJob(DSLContext dsl, Clock clock, Duration grace, Duration relook) {
        this.dsl = dsl;
        this.clock = clock;
        this.grace = grace;
        this.relook = relook;
    }

    /** The defaults: hours settle 5 minutes after they end; the last 2 settled hours are aggregated again each run. */
    public RollupJob(DSLContext dsl, Clock clock) {
        this(dsl, clock, Duration.ofMinutes(5), Duration.ofHours(2));
    }

    /** Runs the job every {@code period} on a daemon thread, the first run at once. */
    public synchronized RollupJob start(Duration period) {
        if (scheduler != null) return this;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("junction-rollups").daemon(true).unstarted(r));
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("analytics rollup run failed, trying again in {} s: {}", period.toSeconds(), e.getMessage());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Settles what can be settled now. @return the hours rolled up (0 when another instance holds the lock or
     * nothing was due)
     */
    public int runOnce() {
        Instant target = clock.instant().minus(grace).truncatedTo(ChronoUnit.HOURS);
        int hours = 0;
        boolean first = true;
        while (true) {
            boolean relookPass = first;
            Integer done = dsl.transactionResult(tx -> step(tx.dsl(), target, relookPass));
            if (done == null) return hours;
            hours += done;
            first = false;
        }
    }

    /**
     * One chunk in one transaction: the hours from settled_until - relook, at most a day, up to target. The first
     * step of a run also aggregates the relook hours again when nothing new is due. Null when there is nothing
     * (more) to do, or another instance holds the lock.
     */
    private Integer step(DSLContext t, Instant target, boolean relookPass) {
        Boolean locked = t.resultQuery("SELECT pg_try_advisory_xact_lock(?)", LOCK).fetchOne(0, Boolean.class);
        if (!Boolean.TRUE.equals(locked)) return null;
        OffsetDateTime stored = t.resultQuery("SELECT settled_until FROM rollup_state WHERE id = 1").fetchOne(0, OffsetDateTime.class);
        Instant settled;
        if (stored == null) {
            OffsetDateTime oldest = t.resultQuery("SELECT min(created_at) FROM request_logs").fetchOne(0, OffsetDateTime.class);
            settled = oldest == null ? target : oldest.toInstant().truncatedTo(ChronoUnit.HOURS);
            if (settled.isAfter(target)) settled = target;
            t.execute("INSERT INTO rollup_state (id, settled_until, updated_at) VALUES (1, ?::timestamptz, ?::timestamptz)", utc(settled), utc(clock.instant()));
        } else {
            settled = stored.toInstant();
        }
        if (!relookPass && !settled.isBefore(target)) return null;
        Instant start = settled.minus(relook);
        if (!start.isBefore(target)) return null;
        Instant end = start.plus(CHUNK);
        if (end.isAfter(target)) end = target;
        t.execute("DELETE FROM request_rollups WHERE hour >= ?::timestamptz AND hour < ?::timestamptz", utc(start), utc(end));
        t.execute(RollupSql.insertRollups(), utc(start), utc(end));
        t.execute("DELETE FROM score_rollups WHERE hour >= ?::timestamptz AND hour < ?::timestamptz", utc(start), utc(end));
        t.execute(RollupSql.insertScoreRollups(), utc(start), utc(end));
        if (end.isAfter(settled)) {
            // Only from the value this step read: a reopen() that committed meanwhile (late rows replayed from the
            // spill) moved it back, and must not be overwritten; the next run then aggregates those hours again.
            t.execute("UPDATE rollup_state SET settled_until = ?::timestamptz, updated_at = ?::timestamptz WHERE id = 1 AND settled_until = ?::timestamptz",
                    utc(end), utc(clock.instant()), utc(settled));
        }
        return (int) Duration.between(start, end).toHours();
    }

    /** Makes the next run aggregate again every hour from {@code oldest} on (rows for it arrived late). */
    public void reopen(Instant oldest) {
        OffsetDateTime hour = utc(oldest.truncatedTo(ChronoUnit.HOURS));
        dsl.execute("UPDATE rollup_state SET settled_until = least(settled_until, ?::timestamptz), updated_at = ?::timestamptz WHERE id = 1", hour, utc(clock.instant()));
    }

    /** Hours before this are rolled up; null before the first run. */
    public Instant settledUntil() {
        OffsetDateTime v = dsl.resultQuery("SELECT settled_until FROM rollup_state WHERE id = 1").fetchOne(0, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }
}
