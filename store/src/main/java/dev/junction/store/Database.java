package dev.junction.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's PostgreSQL: an external server when a JDBC URL is given, otherwise a real PostgreSQL
 * started from a Maven jar, whose data lives in {@code dataDir/postgres} and survives restarts.
 * Either way the schema is brought up to date with the Flyway migrations before anything else runs.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * How long a request waits for a pooled connection (Hikari's default is 30 s): while PostgreSQL is down, the panel
     * API answers 503 after this long instead of hanging. The invoke path never waits for one.
     */
    static final long CONNECTION_TIMEOUT_MS = 3_000;

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final boolean fresh;
    private final String jdbcUrl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool, boolean fresh, String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.embedded = embedded;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.fresh = fresh;
    }

    /** Starts the embedded server in {@code dataDir/postgres} (created if needed) and migrates it. */
    public static Database embedded(Path dataDir) {
        Path pgDir = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgDir);
            long start = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    // The jar's default is off (fast tests); a commit, a request log's included, must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    // Our own shutdown hook stops it, after the last request logs are flushed into it.
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), pgDir,
                    (System.nanoTime() - start) / 1_000_000);
            return open(pg, pg.getJdbcUrl("postgres", "postgres"));
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new StartupFailure("the data directory " + dataDir + " is in use by another running Junction;"
                        + " stop it, or give this one its own --data-dir", e);
            }
            throw e;
        } catch (IOException e) {
            throw new StartupFailure("could not start the embedded PostgreSQL in " + pgDir + ": " + e.getMessage(), e);
        }
    }

    /** Connects to an external PostgreSQL and migrates it. */
    public static Database external(String jdbcUrl) {
        return open(null, jdbcUrl);
    }

    private static Database open(EmbeddedPostgres embedded, String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(Math.min(1_000, CONNECTION_TIMEOUT_MS - 1));
        config.setPoolName("junction");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            boolean fresh = migrate(pool);
            return new Database(embedded, pool, fresh, jdbcUrl);
        } catch (RuntimeException e) {
            pool.close();
            closeQuietly(embedded);
            throw e;
        }
    }

    /** @return true when the database had no schema before (a first start) */
    static boolean migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
        boolean fresh = flyway.info().applied().length == 0;
        var result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("schema migrated to version {} ({} migration(s) applied)", result.targetSchemaVersion, result.migrationsExecuted);
        }
        return fresh;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The JDBC URL, for the few parts that need a connection of their own (LISTEN). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** True when this start created the schema: a new installation. */
    public boolean isFresh() {
        return fresh;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        pool.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        if (embedded == null) return;
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
