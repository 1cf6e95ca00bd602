package dev.junction.engine.provider.gemini;

import static dev.junction.engine.provider.gemini.GeminiMapperTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure failure mapping, without a server. */
class GeminiErrorsTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");
    private static final String KEY = "AIzaSyD-secret-key-0123456789abcdefghij";
    private static final GeminiConnection CONNECTION = new GeminiConnection("gemini", null, KEY, Duration.ofSeconds(2));
    private final GeminiErrors errors = new GeminiErrors(CONNECTION, Clock.fixed(NOW, ZoneOffset.UTC));

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private ProviderFailure response(int status, String body, String... header) {
        return errors.fromResponse(status, headers(header.length == 0 ? Map.of() : Map.of(header[0], List.of(header[1]))), body);
    }

    @Test
    void a_wrong_key_comes_as_a_400_invalid_argument_and_is_unauthorized() {
        ProviderFailure f = response(400, fixture("error-400-api-key-invalid.json"));

        assertThat(f).isEqualTo(new ProviderFailure.Unauthorized(400, "API key not valid. Please pass a valid API key."));
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void permission_denied_is_unauthorized() {
        assertThat(response(403, fixture("error-403.json"))).isInstanceOf(ProviderFailure.Unauthorized.class);
    }

    @Test
    void a_too_long_prompt_is_told_by_its_message_and_other_400s_are_bad_requests() {
        assertThat(response(400, fixture("error-context-length.json")))
                .isEqualTo(new ProviderFailure.ContextLengthExceeded(400,
                        "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)."));
        assertThat(response(400, "{\"error\":{\"code\":400,\"message\":\"* GenerateContentRequest.contents: contents is not specified\",\"status\":\"INVALID_ARGUMENT\"}}"))
                .isEqualTo(new ProviderFailure.BadRequest(400, "* GenerateContentRequest.contents: contents is not specified"));
    }

    @Test
    void a_rate_limit_waits_for_the_retry_info_delay_when_no_retry_after_header_says_otherwise() {
        ProviderFailure fromDetail = response(429, fixture("error-429.json").replace("\"7s\"", "\"31.5s\""));
        ProviderFailure fromHeader = response(429, fixture("error-429.json").replace("\"7s\"", "\"31.5s\""), "retry-after", "3");
        ProviderFailure neither = response(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}");

        assertThat(((ProviderFailure.RateLimited) fromDetail).retryAfter()).isEqualTo(Duration.ofMillis(31_500));
        assertThat(((ProviderFailure.RateLimited) fromHeader).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(((ProviderFailure.RateLimited) neither).retryAfter()).isNull();
        assertThat(neither.message()).isEqualTo("Resource has been exhausted (e.g. check quota).");
    }

    @Test
    void reads_retry_delays_and_retry_after_values() {
        assertThat(GeminiErrors.parseRetryDelay("7s")).isEqualTo(Duration.ofSeconds(7));
        assertThat(GeminiErrors.parseRetryDelay("0.250s")).isEqualTo(Duration.ofMillis(250));
        assertThat(GeminiErrors.parseRetryDelay("7")).isNull();
        assertThat(GeminiErrors.parseRetryDelay("-1s")).isNull();
        assertThat(GeminiErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        assertThat(GeminiErrors.parseRetryAfter("soon", NOW)).isNull();
    }

    @Test
    void not_found_and_server_errors() {
        assertThat(response(404, fixture("error-404.json"))).isInstanceOf(ProviderFailure.ModelNotFound.class);
        assertThat(response(500, fixture("error-500.json"))).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(response(502, "<html><body>Bad Gateway</body></html>"))
                .isEqualTo(new ProviderFailure.ServerError(502, "HTTP 502 from gemini: <html><body>Bad Gateway</body></html>"));
        assertThat(response(504, "{\"error\":{\"code\":504,\"message\":\"Deadline expired before operation could complete.\",\"status\":\"DEADLINE_EXCEEDED\"}}").retryable()).isTrue();
    }

    @Test
    void reads_the_array_form_of_a_non_sse_stream_error() {
        assertThat(response(429, "[{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}]"))
                .isEqualTo(new ProviderFailure.RateLimited(null, "slow down"));
    }

    @Test
    void an_error_in_the_stream_maps_by_its_code_or_else_its_status() {
        assertThat(errors.fromStreamError(new GeminiWire.GoogleError(503, "The model is overloaded.", "UNAVAILABLE", null, null)))
                .isEqualTo(new ProviderFailure.ServerError(503, "The model is overloaded."));
        assertThat(errors.fromStreamError(new GeminiWire.GoogleError(null, "quota", "RESOURCE_EXHAUSTED", null, "2s")))
                .isEqualTo(new ProviderFailure.RateLimited(Duration.ofSeconds(2), "quota"));
        assertThat(errors.fromStreamError(new GeminiWire.GoogleError(null, null, "INTERNAL", null, null)))
                .isEqualTo(new ProviderFailure.ServerError(500, "gemini sent an error in the stream: INTERNAL"));
    }

    @Test
    void never_shows_the_key_and_cuts_long_messages() {
        ProviderFailure echoed = response(400, "{\"error\":{\"code\":400,\"message\":\"bad key " + KEY + "\",\"status\":\"INVALID_ARGUMENT\"}}");
        ProviderFailure longOne = response(400, "{\"error\":{\"message\":\"" + "x".repeat(1000) + "\"}}");

        assertThat(echoed.message()).isEqualTo("bad key ***");
        assertThat(longOne.message()).hasSize(GeminiErrors.MAX_MESSAGE).endsWith("…");
        assertThat(CONNECTION.toString()).doesNotContain(KEY).contains("apiKey=***");
    }

    @Test
    void a_blocked_prompt_is_a_bad_request_that_says_why() {
        ProviderFailure f = errors.promptBlocked(200, "PROHIBITED_CONTENT");

        assertThat(f).isEqualTo(new ProviderFailure.BadRequest(200, "gemini blocked the prompt (PROHIBITED_CONTENT)"));
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void io_failures() {
        assertThat(errors.fromIoException(new HttpConnectTimeoutException("connect timed out"), Duration.ofSeconds(1)))
                .isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(errors.fromIoException(new ConnectException("Connection refused"), Duration.ofSeconds(1)))
                .isEqualTo(new ProviderFailure.ConnectionFailed("connection refused by gemini"));
        assertThat(errors.fromIoException(new IOException(), Duration.ofSeconds(1)).message()).isEqualTo("connection to gemini failed");
    }
}
