package dev.junction.store;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the daily partitions of {@code request_logs} (migration V008): creates the partitions of yesterday, today and
 * the next {@code daysAhead} days (UTC), and drops the partitions of days older than {@code retentionDays} (0 keeps
 * everything). Rows that landed in the DEFAULT partition (a row older than every partition, say a spilled entry
 * replayed late, or one from beyond the days created ahead) move into a day's partition when that partition is
 * created; rows of the DEFAULT partition older than the retention are deleted, and so are the evaluators' scores of
 * requests older than it.
 *
 * <p>Runs at start and then every hour ({@link #start}). Several gateways on one database may all run it: each run
 * holds a PostgreSQL advisory lock, and a gateway that finds it taken skips its turn.
 */
public final class LogPartitions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPartitions.class);
    /** The advisory lock key of the maintenance (any constant; the database function uses the same). */
    static final String LOCK = "junction.request_logs.partitions";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String PREFIX = "request_logs_p";

    /** What one run did. */
    public record Result(boolean ran, List<String> created, List<String> dropped, int defaultRowsDeleted) {}

    private final DSLContext dsl;
    private final Clock clock;
    private final int retentionDays;
    private final int daysAhead;
    private ScheduledExecutorService scheduler;

    public LogPartitions(DSLContext dsl, Clock clock, int retentionDays, int daysAhead) {
        if (retentionDays < 0) throw new IllegalArgumentException("retentionDays must be 0 (keep all) or more");
        this.dsl = dsl;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.daysAhead = daysAhead;
    }

    /** Runs now (in the background) and then every {@code every}. */
    public LogPartitions start(Duration every) {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("junction-log-partitions").daemon(true).unstarted(r));
        scheduler.scheduleWithFixedDelay(this::runLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void runLogged() {
        try {
            Result r = run();
            if (!r.created().isEmpty() || !r.dropped().isEmpty() || r.defaultRowsDeleted() > 0) {
                LOG.info("request log partitions: created {}, dropped {} (retention {} days), {} old rows deleted from the default partition",
                        r.created(), r.dropped(), retentionDays, r.defaultRowsDeleted());
            }
        } catch (RuntimeException e) {
            LOG.warn("request log partition maintenance failed (next try in an hour): {}", e.getMessage());
        }
    }

    /** One run: create what is missing, drop what is past the retention. */
    public Result run() {
        return dsl.connectionResult(c -> {
            DSLContext db = DSL.using(c, dsl.dialect());
            Boolean locked = db.fetchValue(DSL.field("pg_try_advisory_lock(hashtext({0}))", Boolean.class, DSL.val(LOCK)));
            if (!Boolean.TRUE.equals(locked)) return new Result(false, List.of(), List.of(), 0);
            try {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                List<String> created = new ArrayList<>();
                for (int d = -1; d <= daysAhead; d++) {
                    LocalDate day = today.plusDays(d);
                    Boolean made = db.fetchValue(DSL.field("request_logs_ensure_partition({0}::date)", Boolean.class,
                            DSL.val(day.toString())));
                    if (Boolean.TRUE.equals(made)) created.add(PREFIX + DAY.format(day));
                }
                List<String> dropped = new ArrayList<>();
                int deleted = 0;
                if (retentionDays > 0) {
                    LocalDate oldestKept = today.minusDays(retentionDays);
                    for (String name : partitions(db)) {
                        LocalDate day = dayOf(name);
                        if (day != null && day.isBefore(oldestKept)) {
                            db.execute("DROP TABLE IF EXISTS " + DSL.quotedName(name));
                            dropped.add(name);
                        }
                    }
                    deleted = db.execute("DELETE FROM request_logs_default WHERE created_at < {0}",
                            DSL.val(oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC)));
                    // evaluators' scores (their reasons may quote answers) go with the logs they are about
                    db.execute("DELETE FROM request_scores WHERE request_created_at < {0}",
                            DSL.val(oldestKept.atStartOfDay().atOffset(ZoneOffset.UTC)));
                }
                return new Result(true, created, dropped, deleted);
            } finally {
                db.fetchValue(DSL.field("pg_advisory_unlock(hashtext({0}))", Boolean.class, DSL.val(LOCK)));
            }
        });
    }

    /** The daily partitions of request_logs, by name (the DEFAULT partition left out), oldest first. */
    public List<String> partitions() {
        return partitions(dsl);
    }

    private static List<String> partitions(DSLContext db) {
        return db.fetch("select c.relname::text from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                        + " where i.inhparent = 'request_logs'::regclass order by c.relname")
                .getValues(0, String.class).stream().filter(n -> dayOf(n) != null).toList();
    }

    static LocalDate dayOf(String partition) {
        if (!partition.startsWith(PREFIX) || partition.length() != PREFIX.length() + 8) return null;
        try {
            return LocalDate.parse(partition.substring(PREFIX.length()), DAY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (scheduler == null) return;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
