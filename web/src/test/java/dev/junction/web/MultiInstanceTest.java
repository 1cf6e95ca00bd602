package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.TestDatabase;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes on one PostgreSQL: a deploy, a rollback, a new, re-scoped or revoked API key, a deactivated model on
 * one is live on the other through LISTEN/NOTIFY. The time it takes is printed (a figure, not an assertion); the test waits at most 10 s.
 */
class MultiInstanceTest {
    static final String ADMIN = "multi-instance-admin-token";

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    @Test
    void deploys_rollbacks_and_api_key_changes_on_one_instance_are_live_on_the_other() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        try (GatewayProcess a = new GatewayProcess("--database-url", db.jdbcUrl(), "--admin-token", ADMIN, "--data-dir", dirA.toString());
             GatewayProcess b = new GatewayProcess("--database-url", db.jdbcUrl(), "--admin-token", ADMIN, "--data-dir", dirB.toString())) {
            TestClient onA = new TestClient(a.port());
            TestClient onB = new TestClient(b.port());

            // Warm both HTTP paths first, so the figures measure propagation rather than a JVM's first request.
            // (With no key: twenty wrong keys would be failed sign-ins, and the address would be throttled.)
            for (int i = 0; i < 20; i++) {
                onA.post("/v2/deployments/invoke", null, "{}");
                onB.post("/v2/deployments/invoke", null, "{}");
            }
            TestClient.Response created = onA.post("/api/keys", ADMIN, "{\"name\":\"shared\"}");
            String key = created.json().get("key").asText();
            String keyId = created.json().get("id").asText();
            long keyMillis = awaitOn(onB, key, "{\"key\":\"nothing-here\"}", r -> r.status() == 404);

            assertThat(onA.post("/api/deployments", ADMIN, DeploymentApiTest.spec("multi", "one", "echo")).status()).isEqualTo(201);
            onA.post("/api/deployments/multi/deploy", ADMIN, "{}");
            long v1Millis = awaitOn(onB, key, invoke(), r -> "v1".equals(r.header("X-Junction-Deployment-Version")));

            onA.put("/api/deployments/multi/draft", ADMIN, DeploymentApiTest.draftBody(1, DeploymentApiTest.spec("multi", "two", "flaky")));
            onA.post("/api/deployments/multi/deploy", ADMIN, "{}");
            long v2Millis = awaitOn(onB, key, invoke(), r -> "v2".equals(r.header("X-Junction-Deployment-Version")));
            assertThat(onB.post("/v2/deployments/invoke", key, invoke()).json().get("model").asText()).isEqualTo("flaky");

            onA.post("/api/deployments/multi/rollback", ADMIN, "{\"version\":1}");
            long rollbackMillis = awaitOn(onB, key, invoke(), r -> "v3".equals(r.header("X-Junction-Deployment-Version")));
            assertThat(onB.post("/v2/deployments/invoke", key, invoke()).json().get("model").asText()).isEqualTo("echo");

            assertThat(onA.send("PATCH", "/api/keys/" + keyId, ADMIN, "{\"scope\":{\"projects\":[\"elsewhere\"]}}").status()).isEqualTo(200);
            long scopeMillis = awaitOn(onB, key, invoke(), r -> r.status() == 403);
            assertThat(onA.send("PATCH", "/api/keys/" + keyId, ADMIN, "{\"scope\":{\"deployments\":[\"multi\"]}}").status()).isEqualTo(200);
            awaitOn(onB, key, invoke(), r -> r.status() == 200);

            assertThat(onA.delete("/api/keys/" + keyId, ADMIN).status()).isEqualTo(200);
            long revokeMillis = awaitOn(onB, key, invoke(), r -> r.status() == 401);

            assertThat(onA.post("/api/models/simulator/flaky/deactivate", ADMIN, "").status()).isEqualTo(200);
            long catalogMillis = awaitAdmin(onB, n -> onB.post("/api/deployments", ADMIN,
                    DeploymentApiTest.spec("probe-" + n, "probe", "flaky")).status() == 422);

            System.out.printf("FIGURE live on the second instance after: api key %d ms, first deploy %d ms, deploy %d ms,"
                    + " rollback %d ms, key scope change %d ms, key revocation %d ms, model deactivation %d ms%n",
                    keyMillis, v1Millis, v2Millis, rollbackMillis, scopeMillis, revokeMillis, catalogMillis);
        }
    }

    private static String invoke() {
        return "{\"key\":\"multi\"}";
    }

    /** Polls an admin call on the other instance every 5 ms until it holds; returns the milliseconds it took. */
    private static long awaitAdmin(TestClient other, java.util.function.IntPredicate done) throws InterruptedException {
        long start = System.nanoTime();
        for (int n = 0; System.nanoTime() - start < 10_000_000_000L; n++) {
            if (done.test(n)) return (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(5);
        }
        throw new AssertionError("the other instance did not follow within 10 s");
    }

    /** Polls the other instance every 5 ms until {@code done} holds; returns the milliseconds it took. */
    private static long awaitOn(TestClient other, String apiKey, String body, Predicate<TestClient.Response> done)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + 10_000_000_000L;
        TestClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = other.post("/v2/deployments/invoke", apiKey, body);
            if (done.test(last)) return (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(5);
        }
        throw new AssertionError("the other instance did not follow within 10 s; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
