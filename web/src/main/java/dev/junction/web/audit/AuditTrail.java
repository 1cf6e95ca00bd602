package dev.junction.web.audit;

import dev.junction.engine.audit.Audit;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.AuditRow;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's audit trail: the {@link Audit} service, the {@link AuditSnapshots} of the {@code /api} routes, and the
 * timer that retries entries the database refused. Other features record through it: {@link AuditRecorder} for every
 * {@code /api} change, and {@link #record} for what is not one (a sign-in):
 * {@code trail.record(AuditEvent.of(actor, "session.sign_in").target("user", id).client(ctx.ip(), ctx.userAgent()))}.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** How often entries kept in memory while the database failed are tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);
    /** One daemon thread for every gateway in the JVM: a retry is a few appends at most. */
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("junction-audit-retry").daemon(true).factory());

    private final Audit audit;
    private final AuditSnapshots snapshots;
    private final ScheduledFuture<?> retries;

    public AuditTrail(Audit audit, AuditSnapshots snapshots) {
        this.audit = audit;
        this.snapshots = snapshots;
        this.retries = RETRIES.scheduleWithFixedDelay(this::retry, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Audit audit() {
        return audit;
    }

    public AuditSnapshots snapshots() {
        return snapshots;
    }

    /** Records an event (never throws for a database failure: it is queued and retried). */
    public AuditRow record(AuditEvent event) {
        try {
            return audit.record(event);
        } catch (RuntimeException e) { // a bug in preparing the entry: the request still stands
            LOG.error("AUDIT ENTRY NOT RECORDED: {} {}/{}", event.action(), event.targetKind(), event.targetId(), e);
            return null;
        }
    }

    /** {@code event} with the request's client address (the peer's: X-Forwarded-For is not trusted) and user agent. */
    public static AuditEvent from(Context ctx, AuditEvent event) {
        return event.client(ctx.ip(), ctx.userAgent());
    }

    private void retry() {
        try {
            if (audit.pendingCount() > 0) audit.retryPending();
        } catch (RuntimeException e) {
            LOG.warn("audit retry failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        retries.cancel(false);
        if (audit.pendingCount() > 0) {
            audit.retryPending();
            if (audit.pendingCount() > 0) {
                LOG.error("AUDIT ENTRIES LOST at shutdown: {} entries the database refused were still in memory", audit.pendingCount());
            }
        }
    }
}
