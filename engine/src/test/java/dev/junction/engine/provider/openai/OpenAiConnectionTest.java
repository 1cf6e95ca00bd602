package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenAiConnectionTest {

    @Test
    void drops_trailing_slashes_from_the_base_url() {
        OpenAiConnection connection = new OpenAiConnection("lmstudio", "http://127.0.0.1:1234/v1//", null, null, null);

        assertThat(connection.baseUrl()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(connection.chatCompletionsUri()).isEqualTo(URI.create("http://127.0.0.1:1234/v1/chat/completions"));
    }

    @Test
    void defaults_the_orq_provider_and_the_request_timeout() {
        OpenAiConnection connection = new OpenAiConnection("ollama", "http://localhost:11434/v1", "", " ", null);

        assertThat(connection.orqProvider()).isEqualTo("openailike");
        assertThat(connection.requestTimeout()).isEqualTo(OpenAiConnection.DEFAULT_REQUEST_TIMEOUT);
        assertThat(connection.hasApiKey()).isFalse();
    }

    @Test
    void strips_the_newline_a_pasted_key_often_ends_with() {
        OpenAiConnection connection = new OpenAiConnection("openai", "https://api.openai.com/v1", "sk-abc123\n", "openai", null);

        assertThat(connection.apiKey()).isEqualTo("sk-abc123");
    }

    @Test
    void rejects_a_base_url_that_is_not_http_and_names_the_field() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenAiConnection("x", "api.openai.com/v1", null, null, null))
                .withMessageStartingWith("baseUrl: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenAiConnection("x", "ftp://example.com", null, null, null))
                .withMessageStartingWith("baseUrl: ");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenAiConnection("x", "http://h/v1", null, null, Duration.ZERO))
                .withMessageStartingWith("requestTimeout: ");
    }

    @Test
    void rejects_a_key_with_inner_whitespace_without_echoing_it() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenAiConnection("x", "http://h/v1", "sk-abc def", null, null))
                .withMessage("apiKey: must not contain spaces or control characters");
    }

    @Test
    void never_prints_the_key() {
        OpenAiConnection connection = new OpenAiConnection("openai", "https://api.openai.com/v1", "sk-abc123", "openai", null);

        assertThat(connection.toString()).doesNotContain("sk-abc123").contains("apiKey=***");
    }
}
