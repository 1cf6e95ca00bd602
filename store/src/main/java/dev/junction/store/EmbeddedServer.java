package dev.junction.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL started from a Maven jar, with its data in {@code <data-dir>/postgres}. Locked down: every
 * connection proves the password in {@code <data-dir>/db-password} (SCRAM), data directories made by an earlier
 * version (trust) are upgraded on their first start. Durable: fsync, full-page writes and synchronous commits on.
 * Restartable: it holds the data directory's {@link DataDirLock} while it runs, and stops a server that a killed
 * gateway left running ({@link LeftoverPostmaster}) before it starts its own.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String USER = "postgres";
    /** Long enough for the crash recovery after a kill; a healthy start takes 1-3 s. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres pg;
    private final DataDirLock lock;
    private final String jdbcUrl;

    private EmbeddedServer(EmbeddedPostgres pg, DataDirLock lock, String jdbcUrl) {
        this.pg = pg;
        this.lock = lock;
        this.jdbcUrl = jdbcUrl;
    }

    static EmbeddedServer start(Path dataDir) {
        DataDirectory.prepare(dataDir);
        DataDirLock lock = DataDirLock.acquire(dataDir);
        Path pgDir = dataDir.resolve("postgres").toAbsolutePath().normalize();
        Path passwordFile = dataDir.resolve(DbPassword.FILE).toAbsolutePath();
        try {
            LeftoverPostmaster.stopIfRunning(pgDir, LeftoverPostmaster.Waits.DEFAULTS);
            boolean initialised = Files.exists(pgDir.resolve("postgresql.conf"));
            boolean trusting = initialised && PgHba.trustsAnyone(pgDir);
            Optional<String> stored = DbPassword.read(passwordFile);
            if (initialised && !trusting && stored.isEmpty()) {
                throw new StartupFailure("the embedded PostgreSQL in " + pgDir + " requires a password, but "
                        + passwordFile + " is missing or empty; restore it from a backup of the data directory", null);
            }
            String password = stored.isPresent() ? stored.get() : DbPassword.create(passwordFile);
            long start = System.nanoTime();
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    // initdb: the jar passes "-A trust"; these later arguments replace it for new data directories
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    // The jar starts postgres with -F (fsync off) and synchronous_commit off, for fast tests; a
                    // commit, a request log's included, must survive a crash of the machine. -c comes after -F.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    // Our own shutdown hook stops it, after the last request logs are flushed into it.
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {} ({} ms)", pg.getPort(), pgDir,
                    (System.nanoTime() - start) / 1_000_000);
            EmbeddedServer server = new EmbeddedServer(pg, lock,
                    pg.getJdbcUrl(USER, "postgres") + "&password=" + password);
            if (trusting) server.requirePassword(pgDir, passwordFile, password);
            return server;
        } catch (IOException e) {
            lock.close();
            throw new StartupFailure("could not start the embedded PostgreSQL in " + pgDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Upgrades a data directory an earlier version made with {@code trust}: sets the password (hashed here, so it
     * never reaches the server's logs), then replaces pg_hba.conf and reloads it. Each step may be repeated: a crash
     * in between leaves a trusting file, and the next start does it again with the same password.
     */
    private void requirePassword(Path pgDir, Path passwordFile, String password) {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), "scram-sha-256");
            Timestamp loaded = confLoadTime(c);
            PgHba.writePasswordOnly(pgDir);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
            awaitReload(loaded);
        } catch (SQLException | IOException e) {
            close();
            throw new StartupFailure("could not set a password on the embedded PostgreSQL in " + pgDir + ": " + e, e);
        }
        LOG.warn("the embedded PostgreSQL in {} let every local user in without a password (made by an earlier"
                + " version); it now requires the password in {} (SCRAM)", pgDir, passwordFile);
    }

    /** New sessions see the postmaster's reload time: wait until one shows the reload (pg_hba is read then). */
    private void awaitReload(Timestamp before) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                if (confLoadTime(c).after(before)) return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new SQLException("the server did not reload its configuration within 10 s");
    }

    private static Timestamp confLoadTime(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_conf_load_time()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** The superuser's JDBC URL, password included: for the connections of their own (log writer, LISTEN). */
    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }
}
