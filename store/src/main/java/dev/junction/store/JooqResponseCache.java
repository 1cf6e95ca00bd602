package dev.junction.store;

import dev.junction.engine.cache.ResponseCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The response cache's shared tier in PostgreSQL ({@code response_cache}, V014): every gateway instance on the
 * database reads the entries the others wrote. A read is one primary-key lookup; a write an upsert; invalidation
 * deletes a deployment's rows and, in the same transaction, tells the other instances ({@link Notifications}) to drop
 * theirs from memory. Expired rows are deleted at most every {@link #PURGE_EVERY}, by the writer that notices.
 */
public final class JooqResponseCache implements ResponseCache {
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final DSLContext dsl;
    private final Clock clock;
    private volatile Instant purged = Instant.EPOCH;

    public JooqResponseCache(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public Entry get(String key, Instant now) {
        Record r = dsl.resultQuery("SELECT deployment_key, variant_key, created_at, expires_at, payload FROM response_cache"
                + " WHERE key = ? AND expires_at > ?::timestamptz", key, utc(now)).fetchOne();
        if (r == null) return null;
        return new Entry(key, r.get(0, String.class), r.get(1, String.class), r.get(4, byte[].class),
                r.get(2, OffsetDateTime.class).toInstant(), r.get(3, OffsetDateTime.class).toInstant());
    }

    @Override
    public void put(Entry e) {
        dsl.execute("INSERT INTO response_cache (key, deployment_key, variant_key, created_at, expires_at, payload)"
                + " VALUES (?, ?, ?, ?::timestamptz, ?::timestamptz, ?) ON CONFLICT (key) DO UPDATE SET"
                + " deployment_key = EXCLUDED.deployment_key, variant_key = EXCLUDED.variant_key,"
                + " created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, payload = EXCLUDED.payload",
                e.key(), e.deploymentKey(), e.variantKey(), utc(e.createdAt()), utc(e.expiresAt()), e.payload());
        Instant now = clock.instant();
        if (Duration.between(purged, now).compareTo(PURGE_EVERY) >= 0) {
            purged = now;
            purgeExpired(now);
        }
    }

    @Override
    public int invalidate(String deploymentKey) {
        return dsl.transactionResult(tx -> {
            int n = tx.dsl().execute("DELETE FROM response_cache WHERE deployment_key = ?", deploymentKey);
            Notifications.publish(tx.dsl(), Notifications.responseCache(deploymentKey));
            return n;
        });
    }

    /** Deletes the rows expired at {@code now}; returns how many. */
    public int purgeExpired(Instant now) {
        return dsl.execute("DELETE FROM response_cache WHERE expires_at <= ?::timestamptz", utc(now));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
