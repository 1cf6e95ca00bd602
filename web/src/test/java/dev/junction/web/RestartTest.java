package dev.junction.web;

import static dev.junction.store.generated.Tables.DEPLOYMENTS;
import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps everything in the data directory across restarts; the demo is seeded once. */
class RestartTest {
    @TempDir
    Path dataDir;

    private Gateway start() {
        return Main.start(new Settings(0, "127.0.0.1", dataDir, null, null, null, null), Clock.systemUTC());
    }

    @Test
    void deployments_keys_logs_and_the_admin_token_survive_a_restart_and_the_demo_is_not_seeded_twice() throws Exception {
        String demoKey;
        String adminToken;
        UUID firstRequest;
        try (Gateway first = start()) {
            demoKey = Files.readString(dataDir.resolve("demo-api-key")).trim();
            adminToken = Files.readString(dataDir.resolve("admin-token")).trim();
            TestClient.Response r = new TestClient(first.port()).post("/v2/deployments/invoke", demoKey,
                    "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"}}");
            assertThat(r.status()).isEqualTo(200);
            firstRequest = UUID.fromString(r.json().get("id").asText());
        }

        try (Gateway second = start()) {
            assertThat(Files.readString(dataDir.resolve("admin-token")).trim()).isEqualTo(adminToken);
            assertThat(second.database().dsl().fetchCount(DEPLOYMENTS)).isEqualTo(1);
            assertThat(second.database().dsl().fetchExists(REQUEST_LOGS, REQUEST_LOGS.ID.eq(firstRequest)))
                    .as("the log of the first run was flushed on shutdown and kept").isTrue();

            TestClient client = new TestClient(second.port());
            assertThat(client.post("/v2/deployments/invoke", demoKey,
                    "{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"hola\"}}").header("X-Junction-Variant"))
                    .isEqualTo("spanish");
            assertThat(client.post("/api/keys", adminToken, "{\"name\":\"after restart\"}").status()).isEqualTo(201);
        }
    }
}
