package dev.junction.web;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its own process, stopped the way a service manager stops it (SIGTERM): the request logs still
 * queued are written before the embedded PostgreSQL goes down.
 */
class GracefulShutdownTest {
    @TempDir
    Path dataDir;

    @Test
    void sigterm_under_load_flushes_the_log_of_every_answered_request_before_the_database_stops() throws Exception {
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        try (GatewayProcess gateway = new GatewayProcess("--data-dir", dataDir.toString())) {
            String key = Files.readString(dataDir.resolve("demo-api-key")).trim();
            // Four clients keep requests in flight; SIGTERM lands in the middle of them.
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofPlatform().start(() -> load(new TestClient(gateway.port()), key, ids)));
            }
            while (ids.size() < 200) Thread.sleep(5);
            assertThat(gateway.stop()).as("gateway stopped; output: %s", gateway.output()).isTrue();
            for (Thread t : clients) t.join(30_000);
        }

        try (Gateway again = Main.start(new Settings(0, "127.0.0.1", dataDir, null, null, null, null), Clock.systemUTC())) {
            assertThat(again.database().dsl().fetchCount(REQUEST_LOGS, REQUEST_LOGS.ID.in(ids))).isEqualTo(ids.size());
        }
    }

    /** Invokes until the gateway goes away, keeping the id of every request that was answered with 200. */
    private static void load(TestClient client, String key, List<UUID> ids) {
        for (int i = 0; i < 100_000; i++) {
            TestClient.Response r;
            try {
                r = client.post("/v2/deployments/invoke", key, "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"q\"}}");
            } catch (AssertionError connectionGone) {
                return;
            }
            if (r.status() != 200) return;
            ids.add(UUID.fromString(r.json().get("id").asText()));
        }
    }
}
