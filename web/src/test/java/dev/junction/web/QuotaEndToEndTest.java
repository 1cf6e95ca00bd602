package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits made through {@code /api/rate-limits} and enforced by a live gateway (the engine's quotas and the
 * PostgreSQL quota store, as {@link Main} wires them): each SDK's key gets 1 request per minute; its first call is
 * answered with the {@code x-ratelimit-*} headers, its second refused with a 429 that the official SDK raises as its
 * typed error. Needs issue #20's engine (Quotas) and store (JooqQuotaStore) wired in {@link Main}.
 */
class QuotaEndToEndTest {
    private static final String ADMIN = "quota-e2e-admin";
    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    private static final String CHAT = "{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String INVOKE = "{\"key\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeAll
    static void deploy() {
        ChatCompletionsFixtures.deployAll(live, ADMIN);
    }

    /** Both calls of a test in the same UTC minute (a limit's window): not in a minute's last 5 seconds. */
    @BeforeEach
    void notAtTheEndOfAMinute() throws InterruptedException {
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        if (second >= 55) Thread.sleep((61 - second) * 1000L);
    }

    /** A new API key limited to {@code rpm} requests per minute; returns the key. */
    private static String limitedKey(String name, int rpm) {
        JsonNode key = live.client().post("/api/keys", ADMIN, "{\"name\":\"" + name + "\"}").json();
        TestClient.Response limit = live.client().post("/api/rate-limits", ADMIN,
                "{\"scope\":\"api_key\",\"target\":\"" + key.get("id").asText() + "\",\"requestsPerMinute\":" + rpm + "}");
        assertThat(limit.status()).as(limit.body()).isEqualTo(201);
        return key.get("key").asText();
    }

    @Test
    void answersUnderALimitCarryTheHeadersAndTheNextIsRefused() {
        String key = limitedKey("raw", 1);
        TestClient.Response first = live.client().post("/v1/chat/completions", key, CHAT);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit-requests")).isEqualTo("1");
        assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(first.header("x-ratelimit-reset-requests")).isNotNull();
        TestClient.Response second = live.client().post("/v2/deployments/invoke", key, INVOKE);
        assertThat(second.status()).isEqualTo(429);
        assertThat(Long.parseLong(second.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(second.json().get("error_code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(second.json().get("scope").asText()).isEqualTo("api_key");

        JsonNode spend = live.client().get("/api/spend?scope=api_key", ADMIN).json().get("data");
        assertThat(spend.toString()).contains("\"what\":\"requests\"");
    }

    @Test
    void aStreamCarriesTheHeadersFromItsStart() {
        String key = limitedKey("stream", 5);
        TestClient.Response r = live.client().post("/v1/chat/completions", key,
                "{\"model\":\"oai-chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-ratelimit-limit-requests")).isEqualTo("5");
        assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("4");
    }

    @Test
    void openAiNodeSdkRaisesRateLimitError() throws Exception {
        String key = limitedKey("openai-node", 1);
        assertThat(OpenAiNodeSdk.call(live.gateway().port(), key, "create", CHAT, null).get("ok").asBoolean()).isTrue();
        JsonNode refused = OpenAiNodeSdk.call(live.gateway().port(), key, "create", CHAT, null);
        assertThat(refused.get("name").asText()).isEqualTo("RateLimitError");
        assertThat(refused.get("status").asInt()).isEqualTo(429);
        assertThat(refused.get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.get("headers").get("retry-after")).isNotNull();
    }

    @Test
    void openAiJavaSdkRaisesRateLimitException() {
        String key = limitedKey("openai-java", 1);
        var client = OpenAIOkHttpClient.builder().baseUrl(live.client().base() + "/v1").apiKey(key).maxRetries(0).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("oai-chat").addUserMessage("hi").build();
        assertThat(client.chat().completions().create(params).choices()).isNotEmpty();
        Throwable thrown = catchThrowable(() -> client.chat().completions().create(params));
        assertThat(thrown).isInstanceOf(RateLimitException.class);
        assertThat(((RateLimitException) thrown).headers().values("retry-after")).hasSize(1);
    }

    @Test
    void orquestaNodeSdkRaisesItsApiErrorWith429() throws Exception {
        String key = limitedKey("orq-node", 1);
        assertThat(NodeSdk.call(live.gateway().port(), key, "invoke", INVOKE).get("ok").asBoolean()).isTrue();
        JsonNode refused = NodeSdk.call(live.gateway().port(), key, "invoke", INVOKE);
        assertThat(refused.get("name").asText()).isEqualTo("APIError");
        assertThat(refused.get("statusCode").asInt()).isEqualTo(429);
        assertThat(refused.get("body").asText()).contains("rate_limit_exceeded");
    }
}
