package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure failure mapping, without a server. */
class OpenAiErrorsTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:27:30Z");
    private static final OpenAiConnection CONNECTION =
            new OpenAiConnection("groq", "https://api.groq.com/openai/v1", "gsk_secretsecret", "groq", Duration.ofSeconds(2));
    private final OpenAiErrors errors = new OpenAiErrors(CONNECTION, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void reads_retry_after_as_seconds_decimal_seconds_or_an_http_date() {
        assertThat(OpenAiErrors.parseRetryAfter("20", NOW)).isEqualTo(Duration.ofSeconds(20));
        assertThat(OpenAiErrors.parseRetryAfter(" 1.5 ", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(OpenAiErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void reads_a_retry_after_date_in_the_past_as_zero_and_garbage_as_unknown() {
        assertThat(OpenAiErrors.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(OpenAiErrors.parseRetryAfter("soon", NOW)).isNull();
        assertThat(OpenAiErrors.parseRetryAfter("-5", NOW)).isNull();
        assertThat(OpenAiErrors.parseRetryAfter("", NOW)).isNull();
    }

    @Test
    void prefers_openais_retry_after_ms_header() {
        HttpHeaders headers = headers(Map.of("retry-after-ms", List.of("250"), "retry-after", List.of("1")));

        assertThat(OpenAiErrors.retryAfter(headers, NOW)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void reads_an_error_given_as_a_plain_string() {
        ProviderFailure failure = errors.fromResponse(404, headers(Map.of()), "{\"error\":\"model 'llama9' not found\"}");

        assertThat(failure).isEqualTo(new ProviderFailure.ModelNotFound("model 'llama9' not found"));
    }

    @Test
    void cuts_long_provider_messages_to_300_characters() {
        String body = "{\"error\":{\"message\":\"" + "x".repeat(1000) + "\"}}";

        ProviderFailure failure = errors.fromResponse(400, headers(Map.of()), body);

        assertThat(failure.message()).hasSize(OpenAiErrors.MAX_MESSAGE).endsWith("…");
    }

    @Test
    void maps_a_redirect_to_bad_request_that_questions_the_base_url() {
        ProviderFailure failure = errors.fromResponse(301, headers(Map.of("location", List.of("https://elsewhere/"))), "");

        assertThat(failure).isEqualTo(new ProviderFailure.BadRequest(301,
                "HTTP 301 (a redirect) from groq: is the base URL right?"));
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void maps_http_client_timeouts_to_timeout_and_other_io_errors_to_connection_failed() {
        assertThat(errors.fromIoException(new HttpTimeoutException("request timed out"), Duration.ofMillis(2000)))
                .isEqualTo(new ProviderFailure.Timeout("groq did not answer within 2000 ms"));
        assertThat(errors.fromIoException(new HttpConnectTimeoutException("HTTP connect timed out"), Duration.ofMillis(2000)))
                .isEqualTo(new ProviderFailure.Timeout("could not connect to groq in time"));
        assertThat(errors.fromIoException(new ConnectException("Connection refused: localhost/127.0.0.1:49123"), Duration.ofMillis(2000)))
                .isEqualTo(new ProviderFailure.ConnectionFailed("connection refused by groq"));
        assertThat(errors.fromIoException(new IOException("connection reset by gsk_secretsecret"), Duration.ofMillis(2000)).message())
                .isEqualTo("groq closed the connection");
        assertThat(errors.fromIoException(new IOException("boom", new java.nio.channels.UnresolvedAddressException()), Duration.ofMillis(2000)).message())
                .isEqualTo("could not resolve the host of groq");
        assertThat(errors.fromIoException(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"), Duration.ofMillis(2000)).message())
                .isEqualTo("the TLS handshake with groq failed");
        assertThat(errors.fromIoException(new IOException("org.eclipse.jetty.http.BadMessageException: 400: Bad Response"), Duration.ofMillis(2000)).message())
                .isEqualTo("connection to groq failed");
    }

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
