package dev.junction.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other gateway instances on the same database what changed, through PostgreSQL LISTEN/NOTIFY.
 * {@link #publish} runs inside the writer's transaction, so a notification goes out exactly when the change
 * commits. Each instance listens on one dedicated connection; after losing it, it reconnects and asks its
 * owner to resynchronise everything, since notifications sent meanwhile are gone. A connection that only listens
 * never notices a link dropped silently (a NAT's idle timeout, a failover), so it is checked with a query every
 * {@link #CHECK_EVERY}. A change the owner failed to apply (the database busy for a moment) is followed by resyncs,
 * every {@link #RESYNC_RETRY} (a test passes a shorter one), until one succeeds.
 */
public final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    static final String CHANNEL = "junction_events";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the listening connection is checked with a query. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    /** How soon a failed change or resync is retried (as a resync). */
    static final Duration RESYNC_RETRY = Duration.ofSeconds(5);

    /** What changed: {@code type} "deployment" (with {@code key}), "response_cache" (with the deployment's
     *  {@code key}: its cached answers were invalidated), "api_keys", "admin_tokens", "connections", "catalog",
     *  "quotas" (rate limits or budgets), or "resync" (after a reconnect). */
    public record Event(String type, String key) {}

    private final String jdbcUrl;
    private final Consumer<Event> listener;
    private final Duration resyncRetry;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    // System.nanoTime() at which a resync is owed, 0 for none; touched by the listening thread only (and listen())
    private long resyncAfter;

    private Notifications(String jdbcUrl, Consumer<Event> listener, Duration resyncRetry) {
        this.jdbcUrl = jdbcUrl;
        this.listener = listener;
        this.resyncRetry = resyncRetry;
        this.thread = Thread.ofPlatform().name("junction-notifications").daemon(true).unstarted(this::run);
    }

    /** Starts listening; returns once the first LISTEN is in place, so nothing published after this is missed. */
    public static Notifications listen(String jdbcUrl, Consumer<Event> listener) {
        return listen(jdbcUrl, listener, RESYNC_RETRY);
    }

    static Notifications listen(String jdbcUrl, Consumer<Event> listener, Duration resyncRetry) {
        Notifications n = new Notifications(jdbcUrl, listener, resyncRetry);
        try {
            n.connect();
        } catch (SQLException e) {
            throw new StartupFailure("could not LISTEN for changes from other instances: " + e.getMessage(), e);
        }
        n.thread.start();
        return n;
    }

    public static String deployment(String key) {
        return "{\"type\":\"deployment\",\"key\":" + JSON.valueToTree(key) + "}";
    }

    /** A deployment's cached answers were invalidated. */
    public static String responseCache(String deploymentKey) {
        return "{\"type\":\"response_cache\",\"key\":" + JSON.valueToTree(deploymentKey) + "}";
    }

    public static String of(String type) {
        return "{\"type\":\"" + type + "\"}";
    }

    /** Runs {@code work} in a transaction that, when it commits, tells the other instances that {@code type} changed. */
    public static <T> T changing(DSLContext dsl, String type, java.util.function.Function<DSLContext, T> work) {
        return dsl.transactionResult(tx -> {
            T result = work.apply(tx.dsl());
            publish(tx.dsl(), of(type));
            return result;
        });
    }

    /** Sends {@code payload} to every listening instance when the current transaction of {@code db} commits. */
    public static void publish(DSLContext db, String payload) {
        db.execute("select pg_notify(?, ?)", CHANNEL, payload);
    }

    private void connect() throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "10"); // bounds the liveness query on a dead link
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "junction-notifications");
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the LISTEN's failure is the one to report
            }
            throw e;
        }
        connection = c;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        long checked = System.nanoTime();
        while (!closed) {
            try {
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(500);
                if (received != null) {
                    for (PGNotification n : received) dispatch(n.getParameter());
                }
                if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("SELECT 1");
                    }
                    checked = System.nanoTime();
                }
                retryResync();
                backoff = Duration.ofMillis(200);
            } catch (SQLException e) {
                if (closed) return;
                LOG.warn("lost the notification connection ({}); reconnecting in {} ms", e.getMessage(), backoff.toMillis());
                closeQuietly();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
                try {
                    connect();
                    checked = System.nanoTime();
                    deliver(new Event("resync", null));
                } catch (SQLException again) {
                    LOG.debug("reconnect failed", again);
                }
            }
        }
    }

    private void dispatch(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            deliver(new Event(node.path("type").asText(), node.hasNonNull("key") ? node.get("key").asText() : null));
        } catch (java.io.IOException e) {
            LOG.warn("ignoring a notification that is not JSON: {}", payload);
        }
    }

    private void deliver(Event event) {
        try {
            listener.accept(event);
            if ("resync".equals(event.type())) resyncAfter = 0;
        } catch (RuntimeException e) {
            LOG.error("handling {} failed; resynchronising in {} ms", event, resyncRetry.toMillis(), e);
            if (resyncAfter == 0) resyncAfter = System.nanoTime() + resyncRetry.toNanos();
        }
    }

    /** A resync owed since a change could not be applied, once its time has come. */
    private void retryResync() {
        if (resyncAfter != 0 && System.nanoTime() - resyncAfter >= 0) {
            resyncAfter = 0;
            deliver(new Event("resync", null));
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
