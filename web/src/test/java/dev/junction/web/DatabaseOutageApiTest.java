package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While PostgreSQL is down the panel API says 503 with Retry-After within seconds, and invokes keep working. */

class DatabaseOutageApiTest {
    static final String ADMIN = "database-outage-admin-token";

    @RegisterExtension
    static final LiveGateway live = LiveGateway.embedded(ADMIN); // its subject is the embedded server stopping

    @Test
    void the_panel_api_answers_503_quickly_while_the_database_is_down_and_invokes_still_work() throws Exception {
        assertThat(live.client().get("/api/deployments", ADMIN).status()).isEqualTo(200);
        stopPostgres();

        long start = System.nanoTime();
        TestClient.Response r = live.client().get("/api/deployments", ADMIN);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(millis).as("answered in ms").isLessThan(10_000);
        assertThat(r.header("Retry-After")).isEqualTo("5");
        assertThat(r.json().get("code").asText()).isEqualTo("503");
        assertThat(r.json().get("message").asText()).contains("database is unavailable");
        assertThat(live.client().post("/api/keys", ADMIN, "{\"name\":\"during outage\"}").status()).isEqualTo(503);

        TestClient.Response invoke = live.client().post("/v2/deployments/invoke", live.demoKey(),
                GatewayEndToEndTest.invokeBody("{\"language\":\"es\"}"));
        assertThat(invoke.status()).as(invoke.body()).isEqualTo(200);
    }

    /** A fast shutdown (SIGINT) of the embedded PostgreSQL: every connection ends, no new one is accepted. */
    static void stopPostgres() throws Exception {
        String pid = Files.readAllLines(live.dataDir().resolve("postgres").resolve("postmaster.pid")).getFirst().trim();
        Process kill = new ProcessBuilder("kill", "-INT", pid).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        ProcessHandle postmaster = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (postmaster != null && postmaster.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
    }
}
