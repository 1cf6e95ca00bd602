package dev.junction.web;

import static dev.junction.store.generated.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a database URL the gateway uses that server: it migrates it, seeds no demo, starts no embedded one. */
class ExternalDatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void an_external_postgresql_is_migrated_and_used_and_no_demo_is_seeded() {
        TestDatabase external = TestDatabase.fresh();
        Settings settings = new Settings(0, "127.0.0.1", dataDir, external.jdbcUrl(), "admin", null, null);

        try (Gateway gateway = Main.start(settings, Clock.systemUTC())) {
            assertThat(gateway.database().isEmbedded()).isFalse();
            assertThat(Files.exists(dataDir.resolve("postgres"))).as("no embedded data directory").isFalse();
            assertThat(Files.exists(dataDir.resolve("demo-api-key"))).isFalse();

            TestClient client = new TestClient(gateway.port());
            assertThat(client.post("/api/keys", "admin", "{\"name\":\"ci\"}").status()).isEqualTo(201);
            assertThat(external.dsl().fetchCount(API_KEYS, API_KEYS.NAME.eq("ci"))).isEqualTo(1);
            assertThat(client.post("/v2/deployments/invoke", "jk_x", "{\"key\":\"customer-support\"}").status()).isEqualTo(401);
        }
    }

    @Test
    void a_new_data_dir_is_readable_by_its_owner_only_with_an_external_database_too() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        Settings settings = new Settings(0, "127.0.0.1", fresh, TestDatabase.fresh().jdbcUrl(), "admin", null, null);

        try (Gateway ignored = Main.start(settings, Clock.systemUTC())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(SecretKeyFile.FILE))))
                    .isEqualTo("rw-------");
        }
    }
}
