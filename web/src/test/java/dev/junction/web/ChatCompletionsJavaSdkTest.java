package dev.junction.web;

import static dev.junction.web.ChatCompletionsFixtures.BROKEN;
import static dev.junction.web.ChatCompletionsFixtures.CHAT;
import static dev.junction.web.ChatCompletionsFixtures.ON_STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official OpenAI Java SDK ({@code com.openai:openai-java} from Maven Central), unmodified, against
 * {@code /v1/chat/completions}: {@code baseUrl} is the gateway's {@code /v1}, the API key a Junction API key.
 */
class ChatCompletionsJavaSdkTest {
    static final String ADMIN = "oai-java-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static AnthropicStreamStub cut;
    static OpenAIClient client;

    @BeforeAll
    static void deploy() {
        ChatCompletionsFixtures.deployAll(live, ADMIN);
        cut = new AnthropicStreamStub(List.of("Hel", "lo"), 200, AnthropicStreamStub.Ending.RESET);
        ChatCompletionsFixtures.deployOnStub(live, ADMIN, cut);
        client = client(live.demoKey());
    }

    @AfterAll
    static void stop() throws Exception {
        cut.close();
        client.close();
    }

    static OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(live.client().base() + "/v1")
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }

    static ChatCompletionCreateParams.Builder ask(String deployment) {
        return ChatCompletionCreateParams.builder().model(deployment).addUserMessage("hi");
    }

    @Test
    void create_returns_a_chat_completion_routed_by_the_junction_extra_body_property() {
        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(ask(CHAT)
                .putAdditionalBodyProperty("junction", JsonValue.from(Map.of("context", Map.of("tier", "gold"))))
                .build());

        ChatCompletion c = response.parse();
        c.validate();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(c.id()).isEqualTo("chatcmpl-" + response.headers().values("X-Junction-Request-Id").getFirst());
        assertThat(c.model()).isEqualTo("echo");
        assertThat(c.choices().getFirst().message().content()).hasValue("system: Gold service.\nuser: hi");
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void create_takes_the_routing_context_from_the_header() {
        ChatCompletion c = client.chat().completions().create(ask(CHAT)
                .putAdditionalHeader("X-Junction-Context", "{\"tier\":\"gold\"}").build());

        assertThat(c.choices().getFirst().message().content().orElseThrow()).startsWith("system: Gold service.");
    }

    @Test
    void create_streaming_yields_chunks_whose_text_adds_up_and_ends_with_the_usage() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask(CHAT)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        chunks.forEach(ChatCompletionChunk::validate);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertThat(text.toString()).isEqualTo("system: Be brief.\nuser: hi");
        assertThat(chunks.get(chunks.size() - 2).choices().getFirst().finishReason())
                .hasValue(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.getLast().usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void a_stream_that_breaks_after_the_first_token_throws_after_yielding_the_text_so_far() {
        StringBuilder text = new StringBuilder();
        Throwable thrown;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask(ON_STUB).build())) {
            thrown = catchThrowable(() -> stream.stream().forEach(c ->
                    c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append))));
        }

        assertThat(thrown).isInstanceOf(SseException.class);
        assertThat(thrown.getMessage()).contains("broke off");
        assertThat(text.toString()).isEqualTo("Hello");
    }

    @Test
    void errors_become_the_sdks_typed_exceptions() {
        NotFoundException notFound = (NotFoundException) catchThrowable(() -> client.chat().completions().create(ask("nope").build()));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.getMessage()).contains("nope");

        OpenAIClient wrong = client("wrong");
        assertThat(catchThrowable(() -> wrong.chat().completions().create(ask(CHAT).build()))).isInstanceOf(UnauthorizedException.class);
        wrong.close();

        Throwable broken = catchThrowable(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask(BROKEN).build())) {
                stream.stream().forEach(c -> {});
            }
        });
        assertThat(broken).isInstanceOf(InternalServerException.class);
        assertThat(((InternalServerException) broken).statusCode()).isEqualTo(502);
    }
}
