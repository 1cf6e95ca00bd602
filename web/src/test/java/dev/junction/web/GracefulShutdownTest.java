package dev.junction.web;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its own process, stopped the way a service manager stops it (SIGTERM): the request logs still
 * queued are written before the embedded PostgreSQL goes down.
 */
class GracefulShutdownTest {
    private static final Pattern READY = Pattern.compile("Junction ready on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dataDir;

    @Test
    void sigterm_under_load_flushes_the_log_of_every_answered_request_before_the_database_stops() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process gateway = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        try {
            int port = awaitReady(gateway, output);
            String key = Files.readString(dataDir.resolve("demo-api-key")).trim();
            // Four clients keep requests in flight; SIGTERM lands in the middle of them.
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofPlatform().start(() -> load(new TestClient(port), key, ids)));
            }
            while (ids.size() < 200) Thread.sleep(5);
            gateway.destroy(); // SIGTERM
            for (Thread t : clients) t.join(30_000);
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("gateway stopped; output: %s", output).isTrue();
        } finally {
            gateway.destroyForcibly();
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

    private static int awaitReady(Process process, List<String> output) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                }
                port.completeExceptionally(new AssertionError("gateway exited before it was ready: " + output));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        });
        return port.get(60, TimeUnit.SECONDS);
    }
}
