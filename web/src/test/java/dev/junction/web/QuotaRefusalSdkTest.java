package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.engine.spend.RateLimitState;
import dev.junction.engine.spend.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request refused by a rate limit or a budget, as the engine throws it ({@link QuotaExceededException}), through the
 * production responder and error mapping on the real HTTP server ({@link QuotaServer}), as both doors' raw HTTP and as
 * the official SDKs see it: the openai Node and Java SDKs raise their rate-limit error, {@code @orq-ai/node} its
 * {@code APIError} with status 429, and each waits {@code Retry-After} before its retry when retries are on.
 */
class QuotaRefusalSdkTest {
    private static final QuotaServer server = new QuotaServer();
    private static final TestClient http = server.client;
    private static final Instant RESET = Instant.parse("2026-03-01T10:01:00Z");
    private static final String CHAT = "{\"model\":\"support\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String INVOKE = "{\"key\":\"support\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void rateLimited() {
        server.refusal = rateLimit();
    }

    private static QuotaExceededException rateLimit() {
        return new QuotaExceededException(QuotaExceededException.Kind.RATE_LIMIT, Scope.API_KEY, server.apiKeyId.toString(),
                "requests", RESET, Duration.ofMillis(800),
                new RateLimitState(1L, 0L, Duration.ofMillis(800), 10_000L, 9_950L, Duration.ofSeconds(65)),
                "rate limit of api_key " + server.apiKeyId + " reached: 1 request per minute; resets at " + RESET);
    }

    private static QuotaExceededException budget() {
        Instant month = Instant.parse("2026-04-01T00:00:00Z");
        return new QuotaExceededException(QuotaExceededException.Kind.BUDGET, Scope.IDENTITY, "customer-7", "budget", month,
                Duration.ofDays(20), null, "budget of identity customer-7 spent: $50 per month; resets at " + month);
    }

    private static long refused() {
        return server.refusals.snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void openAiDoorAnswersInOpenAisShapeWithTheHeaders() {
        long before = refused();
        TestClient.Response r = http.post("/v1/chat/completions", server.apiKey, CHAT);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.header("x-ratelimit-limit-requests")).isEqualTo("1");
        assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(r.header("x-ratelimit-reset-requests")).isEqualTo("800ms");
        assertThat(r.header("x-ratelimit-limit-tokens")).isEqualTo("10000");
        assertThat(r.header("x-ratelimit-remaining-tokens")).isEqualTo("9950");
        assertThat(r.header("x-ratelimit-reset-tokens")).isEqualTo("1m5s");
        assertThat(r.header("x-should-retry")).isEqualTo("true");
        JsonNode e = r.json().get("error");
        assertThat(e.get("message").asText()).contains("rate limit of api_key").contains("resets at 2026-03-01T10:01:00Z");
        assertThat(e.get("type").asText()).isEqualTo("requests");
        assertThat(e.get("param").isNull()).isTrue();
        assertThat(e.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(e.get("scope").asText()).isEqualTo("api_key");
        assertThat(e.get("target").asText()).isEqualTo(server.apiKeyId.toString());
        assertThat(e.get("limit").asText()).isEqualTo("requests");
        assertThat(e.get("resets_at").asText()).isEqualTo("2026-03-01T10:01:00Z");
        assertThat(e.get("retry_after_seconds").asInt()).isEqualTo(1);
        assertThat(r.header("X-Junction-Overhead-Ms")).isNotNull();
        assertThat(refused()).isEqualTo(before + 1);
    }

    @Test
    void orquestaDoorsAnswerInTheOrquestaEnvelope() {
        for (String path : List.of("/v2/deployments/invoke", "/v2/deployments/stream")) {
            TestClient.Response r = http.post(path, server.apiKey, INVOKE);
            assertThat(r.status()).as(path).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.header("x-ratelimit-remaining-requests")).isEqualTo("0");
            assertThat(r.header("x-should-retry")).isNull();
            JsonNode b = r.json();
            assertThat(b.get("code").asText()).isEqualTo("429");
            assertThat(b.get("error_code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(b.get("scope").asText()).isEqualTo("api_key");
            assertThat(b.get("limit").asText()).isEqualTo("requests");
            assertThat(b.get("resets_at").asText()).isEqualTo("2026-03-01T10:01:00Z");
            assertThat(b.has("type")).isFalse();
        }
    }

    @Test
    void aBudgetRefusalNamesTheScopeAndItsResetAndAsksNotToRetry() {
        server.refusal = budget();
        TestClient.Response v1 = http.post("/v1/chat/completions", server.apiKey, CHAT);
        assertThat(v1.status()).isEqualTo(429);
        assertThat(v1.header("Retry-After")).isEqualTo(Long.toString(Duration.ofDays(20).toSeconds()));
        assertThat(v1.header("x-ratelimit-limit-requests")).isNull();
        assertThat(v1.header("x-should-retry")).isEqualTo("false");
        JsonNode e = v1.json().get("error");
        assertThat(e.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(e.get("type").asText()).isEqualTo("insufficient_quota");
        assertThat(e.get("scope").asText()).isEqualTo("identity");
        assertThat(e.get("target").asText()).isEqualTo("customer-7");
        assertThat(e.get("resets_at").asText()).isEqualTo("2026-04-01T00:00:00Z");
        JsonNode v2 = http.post("/v2/deployments/invoke", server.apiKey, INVOKE).json();
        assertThat(v2.get("error_code").asText()).isEqualTo("budget_exceeded");
        assertThat(v2.get("message").asText()).contains("resets at 2026-04-01T00:00:00Z");
        assertThat(server.refusals.snapshot()).containsKey(List.of("budget_exceeded", "identity", "budget"));
        assertThat(http.get("/metrics", QuotaServer.ADMIN).body())
                .contains("junction_quota_refusals_total{code=\"budget_exceeded\",scope=\"identity\",limit=\"budget\"} ");
    }

    @Test
    void aWrongKeyIsStill401NotCounted() {
        long before = refused();
        assertThat(http.post("/v1/chat/completions", "nope", CHAT).status()).isEqualTo(401);
        assertThat(refused()).isEqualTo(before);
    }

    @Test
    void openAiNodeSdkRaisesRateLimitErrorAndWaitsRetryAfter() throws Exception {
        JsonNode once = OpenAiNodeSdk.call(server.port(), server.apiKey, "create", CHAT, null);
        assertThat(once.get("ok").asBoolean()).isFalse();
        assertThat(once.get("name").asText()).isEqualTo("RateLimitError");
        assertThat(once.get("status").asInt()).isEqualTo(429);
        assertThat(once.get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(once.get("headers").get("retry-after").asText()).isEqualTo("1");

        long before = refused();
        JsonNode retried = OpenAiNodeSdk.call(server.port(), server.apiKey, "create", CHAT, null, "{\"maxRetries\":1}");
        assertThat(retried.get("name").asText()).isEqualTo("RateLimitError");
        assertThat(refused() - before).isEqualTo(2); // the SDK tried again...
        assertThat(retried.get("elapsedMs").asLong()).isGreaterThanOrEqualTo(1_000); // ...after Retry-After: 1

        JsonNode stream = OpenAiNodeSdk.call(server.port(), server.apiKey, "stream", CHAT, null);
        assertThat(stream.get("name").asText()).isEqualTo("RateLimitError");

        server.refusal = budget();
        before = refused();
        JsonNode budget = OpenAiNodeSdk.call(server.port(), server.apiKey, "create", CHAT, null, "{\"maxRetries\":2}");
        assertThat(budget.get("name").asText()).isEqualTo("RateLimitError");
        assertThat(budget.get("error").get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(refused() - before).isEqualTo(1); // x-should-retry: false
    }

    @Test
    void openAiJavaSdkRaisesRateLimitExceptionAndWaitsRetryAfter() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("support").addUserMessage("hi").build();
        OpenAIClient noRetry = OpenAIOkHttpClient.builder().baseUrl(http.base() + "/v1").apiKey(server.apiKey).maxRetries(0).build();
        Throwable thrown = catchThrowable(() -> noRetry.chat().completions().create(params));
        assertThat(thrown).isInstanceOf(RateLimitException.class);
        RateLimitException e = (RateLimitException) thrown;
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.headers().values("retry-after")).containsExactly("1");
        assertThat(e.headers().values("x-ratelimit-remaining-requests")).containsExactly("0");
        assertThat(e.body().toString()).contains("rate_limit_exceeded");

        OpenAIClient oneRetry = OpenAIOkHttpClient.builder().baseUrl(http.base() + "/v1").apiKey(server.apiKey).maxRetries(1).build();
        long before = refused();
        long start = System.nanoTime();
        assertThat(catchThrowable(() -> oneRetry.chat().completions().create(params))).isInstanceOf(RateLimitException.class);
        assertThat(refused() - before).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void orquestaNodeSdkRaisesItsApiErrorWith429AndWaitsRetryAfter() throws Exception {
        JsonNode once = NodeSdk.call(server.port(), server.apiKey, "invoke", INVOKE);
        assertThat(once.get("ok").asBoolean()).isFalse();
        assertThat(once.get("name").asText()).isEqualTo("APIError");
        assertThat(once.get("statusCode").asInt()).isEqualTo(429);
        assertThat(once.get("body").asText()).contains("\"error_code\":\"rate_limit_exceeded\"");
        assertThat(once.get("headers").get("retry-after").asText()).isEqualTo("1");

        // backoff retries on 429 (the SDK's default retry codes); an interval of 10 ms unless the answer says otherwise
        String retries = "{\"retries\":{\"strategy\":\"backoff\",\"backoff\":{\"initialInterval\":10,\"maxInterval\":5000,"
                + "\"exponent\":1,\"maxElapsedTime\":500},\"retryConnectionErrors\":false}}";
        long before = refused();
        JsonNode retried = NodeSdk.call(server.port(), server.apiKey, "invoke", INVOKE, retries);
        assertThat(retried.get("name").asText()).isEqualTo("APIError");
        assertThat(retried.get("statusCode").asInt()).isEqualTo(429);
        assertThat(refused() - before).isEqualTo(2); // tried again once, 1 s later (Retry-After), then out of time
        assertThat(retried.get("elapsedMs").asLong()).isGreaterThanOrEqualTo(1_000);

        JsonNode stream = NodeSdk.call(server.port(), server.apiKey, "stream", INVOKE);
        assertThat(stream.get("name").asText()).isEqualTo("APIError");
        assertThat(stream.get("statusCode").asInt()).isEqualTo(429);
    }
}
