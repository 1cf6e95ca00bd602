package dev.junction.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM, and a fresh, Flyway-migrated database
 * for every caller, so test classes never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String jdbcUrl;
    private final DataSource dataSource;

    private TestDatabase(String jdbcUrl, DataSource dataSource) {
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
    }

    public static TestDatabase fresh() {
        return migratedTo(null);
    }

    /** A new database migrated up to a Flyway version ("7"), or to the latest when null. */
    public static synchronized TestDatabase migratedTo(String version) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            }
            String name = "junction_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            String url = server.getJdbcUrl("postgres", name);
            DataSource ds = server.getDatabase("postgres", name);
            if (version == null) {
                Database.migrate(ds);
            } else {
                org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(version)
                        .load().migrate();
            }
            return new TestDatabase(url, ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Brings the schema up to the latest migration. */
    public void migrate() {
        Database.migrate(dataSource);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }
}
