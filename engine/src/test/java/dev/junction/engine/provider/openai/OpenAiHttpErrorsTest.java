package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the adapter maps OpenAI's HTTP error answers, and 2xx bodies it cannot read, onto {@link ProviderFailure}. */
class OpenAiHttpErrorsTest extends OpenAiServerTestBase {

    // ---- HTTP errors -----------------------------------------------------------------------------------------

    @Test
    void maps_400_with_code_context_length_exceeded_to_context_length_exceeded() {
        server.replyWithFixture(400, "error-context-length.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(failure.message()).startsWith("This model's maximum context length is 128000 tokens.");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void maps_400_mentioning_the_maximum_context_length_to_context_length_exceeded() {
        server.replyWithFixture(400, "error-context-length-vllm.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(failure.message()).startsWith("This model's maximum context length is 4096 tokens.");
    }

    @ParameterizedTest
    @CsvSource({"400", "422"})
    void maps_other_400_and_422_to_bad_request(int status) {
        server.replyWithFixture(status, "error-400-unsupported-parameter.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isEqualTo(new ProviderFailure.BadRequest(status,
                "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."));
    }

    @ParameterizedTest
    @CsvSource({"401, error-401.json", "403, error-403.json"})
    void maps_401_and_403_to_unauthorized(int status, String fixture) {
        server.replyWithFixture(status, fixture);

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.Unauthorized.class);
        assertThat(failure.upstreamStatus()).isEqualTo(status);
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void maps_404_to_model_not_found() {
        server.replyWithFixture(404, "error-404.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isEqualTo(new ProviderFailure.ModelNotFound(
                "The model `gpt-9-turbo` does not exist or you do not have access to it."));
    }

    @Test
    void maps_429_with_retry_after_to_rate_limited() {
        server.replyWithFixture(429, "error-429.json", "Retry-After", "20");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.RateLimited.class);
        assertThat(((ProviderFailure.RateLimited) failure).retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(failure.message()).startsWith("Rate limit reached for gpt-4o-mini");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void maps_429_with_an_http_date_retry_after_to_rate_limited() {
        server.replyWithFixture(429, "error-429.json", "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
        Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:27:30Z"), ZoneOffset.UTC);
        OpenAiCompatibleProvider provider = new OpenAiCompatibleProvider(connection(KEY), http, clock);

        ProviderFailure failure = failureOf(provider);

        assertThat(((ProviderFailure.RateLimited) failure).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void maps_429_without_retry_after_to_rate_limited_with_no_delay() {
        server.replyWithFixture(429, "error-429.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.RateLimited.class);
        assertThat(((ProviderFailure.RateLimited) failure).retryAfter()).isNull();
    }

    @Test
    void maps_500_to_server_error_with_the_providers_message() {
        server.replyWithFixture(500, "error-500.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isEqualTo(new ProviderFailure.ServerError(500,
                "The server had an error while processing your request. Sorry about that!"));
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void maps_a_5xx_without_a_json_body_to_server_error() {
        server.replyWithFixture(502, "error-502.html", "Content-Type", "text/html");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(failure.upstreamStatus()).isEqualTo(502);
        assertThat(failure.message()).startsWith("HTTP 502 from openai: <html>").contains("502 Bad Gateway");

        server.replyWith(503, "");
        assertThat(failureOf(provider(KEY))).isEqualTo(new ProviderFailure.ServerError(503, "HTTP 503 from openai"));
    }

    // ---- malformed 2xx ---------------------------------------------------------------------------------------

    @Test
    void maps_an_unparseable_200_body_to_malformed_response() {
        server.replyWithFixture(200, "malformed.json");

        ProviderFailure failure = failureOf(provider(KEY));

        assertThat(failure).isInstanceOf(ProviderFailure.MalformedResponse.class);
        assertThat(failure.upstreamStatus()).isEqualTo(200);
        assertThat(failure.message()).contains("not valid chat-completion JSON").doesNotContain("capital");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void maps_a_200_without_choices_to_malformed_response() {
        server.replyWithFixture(200, "chat-completion-no-choices.json");

        assertThat(failureOf(provider(KEY)))
                .isEqualTo(new ProviderFailure.MalformedResponse(200, "openai answered 200, but the body has no choices"));

        server.replyWith(200, "");
        assertThat(failureOf(provider(KEY))).isInstanceOf(ProviderFailure.MalformedResponse.class);
    }
}
