package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicErrorsTest {
    private static final String KEY = "sk-ant-api03-Secret0123456789";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final AnthropicErrors errors = new AnthropicErrors(
            new AnthropicConnection("claude", "https://api.anthropic.com", KEY, null), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},\"request_id\":\"req_1\"}";
    }

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) map.put(pairs[i], List.of(pairs[i + 1]));
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void statuses_map_to_typed_failures() {
        assertThat(errors.fromResponse(400, headers(), error("invalid_request_error", "max_tokens: Field required")))
                .isEqualTo(new ProviderFailure.BadRequest(400, "max_tokens: Field required"));
        assertThat(errors.fromResponse(401, headers(), error("authentication_error", "invalid x-api-key")))
                .isInstanceOf(ProviderFailure.Unauthorized.class);
        assertThat(errors.fromResponse(402, headers(), error("billing_error", "Your credit balance is too low")))
                .isEqualTo(new ProviderFailure.Unauthorized(402, "Your credit balance is too low"));
        assertThat(errors.fromResponse(403, headers(), error("permission_error", "no access")).upstreamStatus()).isEqualTo(403);
        assertThat(errors.fromResponse(404, headers(), error("not_found_error", "model: claude-9")))
                .isEqualTo(new ProviderFailure.ModelNotFound("model: claude-9"));
        assertThat(errors.fromResponse(413, headers(), error("request_too_large", "Request exceeds the maximum allowed size")))
                .isInstanceOf(ProviderFailure.BadRequest.class);
        ProviderFailure overloaded = errors.fromResponse(529, headers(), error("overloaded_error", "Overloaded"));
        assertThat(overloaded).isEqualTo(new ProviderFailure.ServerError(529, "Overloaded"));
        assertThat(overloaded.retryable()).isTrue();
        assertThat(errors.fromResponse(302, headers(), "").message()).contains("base URL");
    }

    @Test
    void a_too_long_prompt_is_told_apart_by_its_message() {
        assertThat(errors.fromResponse(400, headers(), error("invalid_request_error", "prompt is too long: 208317 tokens > 200000 maximum")))
                .isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(errors.fromResponse(400, headers(), error("invalid_request_error",
                "input length and `max_tokens` exceed context limit: 197626 + 8192 > 200000, decrease input length or `max_tokens` and try again")))
                .isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
    }

    @Test
    void a_rate_limit_carries_retry_after_in_seconds_or_as_a_date() {
        ProviderFailure seconds = errors.fromResponse(429, headers("retry-after", "12"), error("rate_limit_error", "slow down"));
        assertThat(((ProviderFailure.RateLimited) seconds).retryAfter()).isEqualTo(Duration.ofSeconds(12));
        ProviderFailure date = errors.fromResponse(429, headers("retry-after", "Sun, 01 Jun 2025 12:00:30 GMT"), error("rate_limit_error", "x"));
        assertThat(((ProviderFailure.RateLimited) date).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        ProviderFailure none = errors.fromResponse(429, headers(), error("rate_limit_error", "x"));
        assertThat(((ProviderFailure.RateLimited) none).retryAfter()).isNull();
    }

    @Test
    void an_error_event_in_a_stream_is_read_by_its_type() {
        assertThat(errors.fromStreamError("overloaded_error", "Overloaded")).isEqualTo(new ProviderFailure.ServerError(529, "Overloaded"));
        assertThat(errors.fromStreamError("api_error", "Internal server error")).isEqualTo(new ProviderFailure.ServerError(500, "Internal server error"));
        assertThat(errors.fromStreamError("rate_limit_error", "slow down")).isEqualTo(new ProviderFailure.RateLimited(null, "slow down"));
        assertThat(errors.fromStreamError("timeout_error", "timed out").retryable()).isTrue();
        assertThat(errors.fromStreamError("invalid_request_error", "prompt is too long: 5 tokens > 4 maximum"))
                .isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(errors.fromStreamError("brand_new_error", null)).isInstanceOfSatisfying(ProviderFailure.ServerError.class,
                f -> assertThat(f.message()).contains("claude").contains("brand_new_error"));
    }

    @Test
    void the_key_never_shows_and_a_body_without_an_error_is_named_by_status() {
        ProviderFailure echoed = errors.fromResponse(401, headers(), error("authentication_error", "invalid x-api-key " + KEY));
        assertThat(echoed.message()).doesNotContain(KEY).contains("***");
        assertThat(errors.fromResponse(502, headers(), "<html>Bad Gateway</html>"))
                .isEqualTo(new ProviderFailure.ServerError(502, "HTTP 502 from claude: <html>Bad Gateway</html>"));
        assertThat(errors.fromResponse(500, headers(), "x".repeat(1000)).message()).hasSize(AnthropicErrors.MAX_MESSAGE);
        assertThat(errors.fromIoException(new IOException("closed " + KEY), Duration.ofSeconds(1)).message()).doesNotContain(KEY);
    }
}
