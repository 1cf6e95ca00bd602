package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed sign-ins from one address, over HTTP: ten a minute, then 429 with Retry-After, good credentials included. */
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
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/v2/deployments/invoke", "jk_guess" + i, "{\"key\":\"customer-support\"}").status()).isEqualTo(401);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(client.post("/panel/login", null, "{\"token\":\"guess-" + i + "\"}").status()).isEqualTo(401);
        }

        TestClient.Response refused = client.get("/api/keys", ADMIN);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.json().get("message").asText()).contains("too many failed sign-ins");
        assertThat(client.post("/v1/chat/completions", live.demoKey(), "{\"model\":\"customer-support\",\"messages\":[]}").json()
                .at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(client.post("/panel/login", null, "{\"token\":\"" + ADMIN + "\"}").status()).isEqualTo(429);
        assertThat(client.get("/health").status()).as("health is not behind a credential").isEqualTo(200);
    }
}
