package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets in only who has the password in {@code db-password}, writes durably, and keeps its
 * data directory private. Each test starts a server of its own (the other store tests share one).
 */
class EmbeddedDatabaseSecurityTest {
    @TempDir
    Path tmp;

    @Test
    void a_new_data_dir_gets_a_private_password_and_connections_without_it_are_refused() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (Database db = Database.embedded(dataDir)) {
            Path passwordFile = dataDir.resolve("db-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            List<String> lines = Files.readAllLines(passwordFile);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).matches("[A-Za-z0-9_-]{43,}");

            assertThat(authMethods(dataDir)).isNotEmpty().containsOnly("scram-sha-256");
            int port = port(db);
            assertThatThrownBy(() -> connect(port, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "not-the-password")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = connect(port, lines.get(0))) {
                assertThat(show(c, "password_encryption")).isEqualTo("scram-sha-256");
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
                assertThat(show(c, "server_version_num")).isNotBlank();
            }
        }
    }

    @Test
    void the_server_writes_durably() throws Exception {
        try (Database db = Database.embedded(tmp.resolve("data"));
             Connection c = db.dataSource().getConnection()) {
            assertThat(show(c, "fsync")).isEqualTo("on");
            assertThat(show(c, "full_page_writes")).isEqualTo("on");
            assertThat(show(c, "synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_new_data_dir_is_private_to_its_owner_and_an_open_one_is_tightened() throws Exception {
        Path fresh = tmp.resolve("fresh");
        try (Database ignored = Database.embedded(fresh)) {
            assertThat(permissions(fresh)).isEqualTo("rwx------");
        }
        Path open = tmp.resolve("open");
        Files.createDirectories(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDirectory.prepare(open);
        assertThat(permissions(open)).isEqualTo("rwx------");
    }

    @Test
    void an_old_style_trust_data_dir_is_upgraded_to_password_authentication_on_start() throws Exception {
        Path dataDir = tmp.resolve("data");
        // What the previous version made: initdb -A trust, no password.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection c = connect(old.getPort(), null)) {
                assertThat(show(c, "server_version_num")).isNotBlank();
            }
        }
        assertThat(authMethods(dataDir)).contains("trust");

        try (Database db = Database.embedded(dataDir)) {
            String password = Files.readString(dataDir.resolve("db-password")).trim();
            assertThat(authMethods(dataDir)).isNotEmpty().containsOnly("scram-sha-256");
            int port = port(db);
            assertThatThrownBy(() -> connect(port, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "not-the-password")).isInstanceOf(SQLException.class);
            try (Connection c = connect(port, password)) {
                assertThat(show(c, "fsync")).isEqualTo("on");
            }
        }
        // and it stays so on the next start
        try (Database db = Database.embedded(dataDir)) {
            assertThatThrownBy(() -> connect(port(db), null)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void a_second_start_on_a_data_dir_in_use_is_refused_with_a_clear_message() {
        Path dataDir = tmp.resolve("data");
        try (Database ignored = Database.embedded(dataDir)) {
            assertThatThrownBy(() -> Database.embedded(dataDir)).isInstanceOf(StartupFailure.class)
                    .hasMessageContaining("in use by another running Junction");
        }
    }

    static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static int port(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return Integer.parseInt(show(c, "port"));
        }
    }

    private static String permissions(Path dir) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    }

    /** The METHOD column of every rule in pg_hba.conf. */
    private static List<String> authMethods(Path dataDir) throws Exception {
        return Files.readAllLines(dataDir.resolve("postgres/pg_hba.conf")).stream()
                .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                .map(l -> {
                    String[] f = l.split("\\s+");
                    return f[0].equals("local") ? f[3] : f[4];
                }).toList();
    }
}
