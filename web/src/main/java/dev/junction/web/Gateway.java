package dev.junction.web;

import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.spend.Quotas;
import dev.junction.engine.provider.http.UpstreamHttp;
import dev.junction.store.BatchingLogWriter;
import dev.junction.store.Database;
import dev.junction.store.LogPartitions;
import dev.junction.store.Notifications;
import dev.junction.store.RollupJob;
import dev.junction.web.audit.AuditTrail;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;

/**
 * A running gateway: what {@link Main#start} wired, and how to stop it (server, then the upstream client, then logs,
 * then database).
 */
public final class Gateway implements AutoCloseable {
    private final Javalin http;
    private final Notifications notifications;
    private final LogPartitions logPartitions;
    private final BatchingLogWriter logs;
    private final Database database;
    private final Path dataDir;
    private final DeploymentService deployments;
    private final RollupJob rollups;
    private final UpstreamHttp upstream;
    private final Quotas quotas;
    private final AuditTrail audit;
    /** The evaluators' pool, then the scores' writer: closed in this order, before the logs. */
    private final List<AutoCloseable> scoring;

    Gateway(Javalin http, Notifications notifications, LogPartitions logPartitions, BatchingLogWriter logs,
            Database database, Path dataDir, DeploymentService deployments, RollupJob rollups,
            UpstreamHttp upstream, Quotas quotas, AuditTrail audit, List<AutoCloseable> scoring) {
        this.scoring = scoring;
        this.audit = audit;
        this.quotas = quotas;
        this.upstream = upstream;
        this.logPartitions = logPartitions;
        this.rollups = rollups;
        this.deployments = deployments;
        this.http = http;
        this.notifications = notifications;
        this.logs = logs;
        this.database = database;
        this.dataDir = dataDir;
    }

    /** The HTTP server, for tests that look at what it registered (OpenApiTest). */
    Javalin http() {
        return http;
    }

    public int port() {
        return http.port();
    }

    public Database database() {
        return database;
    }

    public BatchingLogWriter logs() {
        return logs;
    }

    /** The deploy flow (there is no deployment API yet; tests create versions through this). */
    public DeploymentService deployments() {
        return deployments;
    }

    /** The analytics rollup job (tests run it on demand). */
    public RollupJob rollups() {
        return rollups;
    }

    /** The audit trail: {@code audit().record(...)} for changes that are not /api requests (a sign-in). */
    public AuditTrail audit() {
        return audit;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        http.stop();
        audit.close(); // a last try for entries the database refused
        for (AutoCloseable c : scoring) closeQuietly(c); // evaluators may still ask judges: before the upstream client
        upstream.close();
        notifications.close();
        quotas.close(); // flushes this instance's spend to the shared counters
        rollups.close();
        logPartitions.close();
        logs.close();
        database.close();
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Gateway.class).warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
