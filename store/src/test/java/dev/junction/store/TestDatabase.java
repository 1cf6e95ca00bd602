package dev.junction.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM, and a fresh database for every caller, so tests
 * never see each other's rows.
 * <p>
 * The migrations run once per JVM (and per target version), into a template database; every {@link #fresh()} database
 * is a copy of it ({@code CREATE DATABASE ... TEMPLATE ...}, a file copy: tens of milliseconds instead of running
 * every migration again). A template is never connected to after it is migrated (PostgreSQL refuses to copy a
 * database that has sessions), and nothing writes to it.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Migrated template database per Flyway target version ("latest" for null). */
    private static final Map<String, String> TEMPLATES = new HashMap<>();
    private static EmbeddedPostgres server;

    private final String name;
    private final String jdbcUrl;
    private final DataSource dataSource;

    private TestDatabase(String name, String jdbcUrl, DataSource dataSource) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.dataSource = dataSource;
    }

    /** A new database with the whole schema. */
    public static TestDatabase fresh() {
        return migratedTo(null);
    }

    /** A new database migrated up to a Flyway version ("7"), or to the latest when null. */
    public static synchronized TestDatabase migratedTo(String version) {
        try {
            String template = template(version);
            String name = newName();
            execute("CREATE DATABASE " + name + " TEMPLATE " + template);
            return new TestDatabase(name, server().getJdbcUrl("postgres", name), server().getDatabase("postgres", name));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JVM's one embedded server (started on first use, stopped when the JVM exits). */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    private static String template(String version) throws SQLException {
        String key = version == null ? "latest" : version;
        String template = TEMPLATES.get(key);
        if (template != null) return template;
        template = "junction_template_" + ProcessHandle.current().pid() + "_" + key.replaceAll("[^A-Za-z0-9]", "_");
        execute("CREATE DATABASE " + template);
        // a pool-less data source: its connections are closed when Flyway is done, so the template can be copied
        DataSource ds = server().getDatabase("postgres", template);
        if (version == null) {
            Database.migrate(ds);
        } else {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(version).load().migrate();
        }
        TEMPLATES.put(key, template);
        return template;
    }

    private static String newName() {
        return "junction_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Brings the schema up to the latest migration. */
    public void migrate() {
        Database.migrate(dataSource);
    }

    /** The database's name on the shared server. */
    public String name() {
        return name;
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
