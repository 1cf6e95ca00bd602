package dev.junction.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * started from a Maven jar ({@link EmbeddedServer}), whose data lives in {@code dataDir/postgres} and survives restarts.
 * Either way the schema is brought up to date with the Flyway migrations before anything else runs.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * How long a request waits for a pooled connection (Hikari's default is 30 s): while PostgreSQL is down, the panel
     * API answers 503 after this long instead of hanging. The invoke path never waits for one.
     */
    static final long CONNECTION_TIMEOUT_MS = 3_000;

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final boolean fresh;
    private final String jdbcUrl;

    private Database(EmbeddedServer embedded, HikariDataSource pool, boolean fresh, String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.embedded = embedded;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.fresh = fresh;
    }

    /**
     * Starts the embedded server in {@code dataDir/postgres} (created if needed; password-protected, durable, and
     * stopping a server a killed gateway left running there) and migrates it.
     */
    public static Database embedded(Path dataDir) {
        EmbeddedServer server = EmbeddedServer.start(dataDir);
        return open(server, server.jdbcUrl());
    }

    /** Connects to an external PostgreSQL and migrates it. */
    public static Database external(String jdbcUrl) {
        return open(null, jdbcUrl);
    }

    private static Database open(EmbeddedServer embedded, String jdbcUrl) {
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

    /**
     * The JDBC URL with its credentials (the embedded server's password included), for the few parts that need a
     * connection of their own (the log writer, LISTEN). Never log it.
     */
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

    private static void closeQuietly(EmbeddedServer embedded) {
        if (embedded != null) embedded.close();
    }
}
