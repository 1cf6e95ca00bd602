package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Reasoning read back: OpenAI's reasoning token count (it returns no reasoning text), DeepSeek's
 * {@code reasoning_content} plain and streamed, OpenRouter's {@code reasoning}.
 */
class OpenAiReasoningTest extends ReplayServerTest {
    private static final ChatRequest REQUEST = new ChatRequest("deepseek-reasoner",
            List.of(PromptMessage.user("Hello!")), ModelParameters.DEFAULTS, 1);

    @Override
    protected String fixtures() {
        return "openai";
    }

    private OpenAiCompatibleProvider provider() {
        return new OpenAiCompatibleProvider(new OpenAiConnection("deepseek", server.rootUrl() + "/v1",
                "sk-test-Zq81mXw0vLr4TgPb2HcN7890", "deepseek", Duration.ofSeconds(5)), http);
    }

    @Test
    void reads_openais_reasoning_tokens_from_the_completion_tokens_details() {
        server.replyWithFixture(200, "reasoning-tokens.json");

        ChatResponse response = provider().chat(REQUEST);

        assertThat(response.usage()).isEqualTo(new Usage(24, 203, 0, 192));
        assertThat(response.reasoning()).as("OpenAI returns no reasoning text").isEmpty();
        assertThat(response.content()).isEqualTo("Paris.");
    }

    @Test
    void reads_deepseeks_reasoning_content_and_reasoning_tokens() {
        server.replyWithFixture(200, "reasoning-deepseek.json");

        ChatResponse response = provider().chat(REQUEST);

        assertThat(response).isEqualTo(new ChatResponse("Hello! How can I help you today?", "stop",
                new Usage(10, 48, 0, 38), "deepseek-reasoner", null, List.of(Reasoning.text(
                "We are asked: \"You are a helpful assistant\" and the user says \"Hi\". So I need to respond as a "
                        + "helpful assistant. I'll just greet the user and offer assistance.", null))));
    }

    @Test
    void reads_openrouters_reasoning() {
        server.replyWithFixture(200, "reasoning-openrouter.json");

        ChatResponse response = provider().chat(REQUEST);

        assertThat(response.reasoningText()).isEqualTo("The user asks for the capital of France. That is Paris.");
        assertThat(response.content()).isEqualTo("Paris.");
    }

    @Test
    void streams_deepseeks_reasoning_as_reasoning_pieces_before_the_text() {
        server.streamFixture("stream-reasoning-deepseek.sse", 0);
        List<StreamPiece> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = provider().stream(REQUEST, pieces::add);

        String first = "Hmm, the user just said \"Hello!\" with an exclamation mark, which suggests a friendly and enthusiastic tone.";
        String second = " This is a simple greeting, so no complex analysis is needed.";
        assertThat(pieces).containsExactly(
                new StreamPiece.ReasoningDelta(first, null),
                new StreamPiece.ReasoningDelta(second, null),
                new StreamPiece.Text("Hello"), new StreamPiece.Text("!"), new StreamPiece.Text(" How can I help?"));
        assertThat(response).isEqualTo(new ChatResponse("Hello! How can I help?", "stop", new Usage(6, 169, 0, 117),
                "deepseek-reasoner", null, List.of(Reasoning.text(first + second, null))));
    }
}
