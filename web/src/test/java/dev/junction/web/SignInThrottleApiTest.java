package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed admin sign-ins from one address, over HTTP: ten a minute, then 429 with Retry-After, good admin credentials included. */
class SignInThrottleApiTest {
    static final String ADMIN = "sign-in-throttle-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    @Test
    void ten_failed_sign_ins_a_minute_then_every_credential_from_that_address_is_a_429_with_retry_after() {
        TestClient client = live.client();
        assertThat(client.get("/api/keys", ADMIN).status()).isEqualTo(200);
        for (int i = 0; i < 20; i++) {
            assertThat(client.get("/api/keys").status()).as("no credential guesses nothing: not counted").isEqualTo(401);
        }
        for (int i = 0; i < 4; i++) assertThat(client.get("/api/keys", "guess-" + i).status()).isEqualTo(401);
        for (int i = 0; i < 20; i++) {
            // API keys are 256 random bits: nothing to throttle, and an app with a revoked key behind a shared address
            // (a proxy, localhost) must not lock out every other app and the admins
            assertThat(client.post("/v2/deployments/invoke", "jk_guess" + i, "{\"key\":\"customer-support\"}").status()).isEqualTo(401);
        }
        assertThat(client.get("/api/keys", ADMIN).status()).as("wrong API keys are not counted").isEqualTo(200);
        for (int i = 4; i < 7; i++) assertThat(client.get("/api/keys", "guess-" + i).status()).isEqualTo(401);
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/panel/login", null, "{\"token\":\"guess-" + i + "\"}").status()).isEqualTo(401);
        }

        TestClient.Response refused = client.get("/api/keys", ADMIN);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.json().get("message").asText()).contains("too many failed sign-ins");
        assertThat(client.post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"q\"}}")
                .status()).as("the applications' API keys are not throttled").isEqualTo(200);
        assertThat(client.post("/panel/login", null, "{\"token\":\"" + ADMIN + "\"}").status()).isEqualTo(429);
        assertThat(client.get("/health").status()).as("health is not behind a credential").isEqualTo(200);
    }
}
