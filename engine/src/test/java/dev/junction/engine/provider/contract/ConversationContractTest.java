package dev.junction.engine.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.StreamPiece;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The conversation half of the adapter contract, the same for every provider: tool calls and reasoning read from
 * the provider's own fixtures (a whole answer and a stream), and a tool-loop turn and an image sent in its wire
 * format. Each provider has its own fixtures, in its real format:
 * <ul>
 *   <li>{@link #toolCallFixture()} / {@link #toolCallStreamFixture()}: an answer that calls tools, whole and streamed;</li>
 *   <li>{@link #reasoningFixture()} / {@link #reasoningStreamFixture()}: an answer with reasoning, whole and streamed.</li>
 * </ul>
 * The adapters' own tests check every field of their wire; this suite checks what every adapter must do alike: a
 * finish reason of {@code tool_calls}, ids kept, arguments as JSON objects, stream pieces that add up to the whole
 * answer, the first piece of any kind counting, and nothing of a tool turn or an image dropped on the way out.
 */
public abstract class ConversationContractTest extends ReplayServerTest {
    protected static final String KEY = "sk-contract-Zq81mXw0vLr4TgPb2HcN7890";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 1x1 PNG. */
    protected static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    protected abstract ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout);

    protected abstract String toolCallFixture();

    /** The tools {@link #toolCallFixture()} calls, in order. */
    protected abstract List<String> toolCallNames();

    protected abstract String toolCallStreamFixture();

    protected abstract List<String> streamedToolCallNames();

    protected abstract String reasoningFixture();

    protected abstract String reasoningStreamFixture();

    /** A model name the adapter sends as it is. */
    protected String model() {
        return "model-under-test";
    }

    private ChatRequest request(List<PromptMessage> messages, ModelParameters parameters) {
        return new ChatRequest(model(), messages, parameters, 1, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private ChatRequest ask() {
        ToolSpec weather = new ToolSpec("get_weather", "The weather in a city",
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));
        return request(List.of(PromptMessage.user("What is the weather in Paris?")),
                ModelParameters.DEFAULTS.withTools(List.of(weather)).withMaxTokens(1024));
    }

    @Test
    void a_tool_call_answer_gives_its_calls_with_ids_and_json_arguments() throws Exception {
        server.replyWithFixture(200, toolCallFixture(), "Content-Type", "application/json");

        ChatResponse response = adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).chat(ask());

        assertThat(response.finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
        assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactlyElementsOf(toolCallNames());
        for (ToolCall call : response.toolCalls()) {
            assertThat(call.id()).isNotBlank();
            assertThat(JSON.readTree(call.arguments()).isObject()).as(call.arguments()).isTrue();
        }
        assertThat(response.toolCalls()).extracting(ToolCall::id).doesNotHaveDuplicates();
    }

    @Test
    void a_streamed_tool_call_comes_in_pieces_that_add_up_to_the_whole_answer() throws Exception {
        server.streamFixture(toolCallStreamFixture(), 0);
        List<StreamPiece> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).stream(ask(), pieces::add);

        assertThat(response.finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
        assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactlyElementsOf(streamedToolCallNames());
        Map<Integer, StringBuilder> arguments = new TreeMap<>();
        Map<Integer, String> ids = new TreeMap<>();
        for (StreamPiece piece : pieces) {
            if (piece instanceof StreamPiece.ToolCallDelta d) {
                arguments.computeIfAbsent(d.index(), i -> new StringBuilder()).append(d.arguments() == null ? "" : d.arguments());
                if (d.id() != null) ids.put(d.index(), d.id());
            }
        }
        assertThat(arguments).hasSize(response.toolCalls().size());
        for (int i = 0; i < response.toolCalls().size(); i++) {
            ToolCall call = response.toolCalls().get(i);
            assertThat(JSON.readTree(arguments.get(i).toString())).isEqualTo(JSON.readTree(call.arguments()));
            assertThat(ids.get(i)).isEqualTo(call.id());
        }
    }

    @Test
    void reasoning_is_read_whole_and_streamed_and_a_reasoning_piece_counts_as_the_first() {
        server.replyWithFixture(200, reasoningFixture(), "Content-Type", "application/json");
        ChatResponse whole = adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).chat(ask());
        assertThat(whole.reasoningText()).isNotBlank();

        server.reset();
        server.streamFixture(reasoningStreamFixture(), 0);
        List<StreamPiece> pieces = new CopyOnWriteArrayList<>();
        ChatResponse streamed = adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).stream(ask(), pieces::add);

        assertThat(pieces.getFirst()).isInstanceOf(StreamPiece.ReasoningDelta.class);
        StringBuilder text = new StringBuilder();
        for (StreamPiece p : pieces) if (p instanceof StreamPiece.ReasoningDelta r && r.text() != null) text.append(r.text());
        assertThat(text.toString()).isEqualTo(streamed.reasoningText());
    }

    @Test
    void a_tool_loop_turn_goes_out_with_the_call_id_the_arguments_and_the_result() throws Exception {
        server.replyWithFixture(200, toolCallFixture(), "Content-Type", "application/json");
        List<PromptMessage> turn = new ArrayList<>(ask().messages());
        turn.add(PromptMessage.toolCalls("", List.of(new ToolCall("call_Xq1", "get_weather", "{\"city\":\"Paris\"}")), null));
        turn.add(PromptMessage.toolResult("call_Xq1", "{\"temperature_c\":18}"));

        adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).chat(request(turn, ask().parameters()));

        String body = server.onlyRequest().body();
        JSON.readTree(body); // the body is JSON
        assertThat(body).contains("call_Xq1").contains("get_weather").contains("Paris").contains("temperature_c");
    }

    @Test
    void an_image_goes_out_inline_with_its_bytes() {
        server.replyWithFixture(200, toolCallFixture(), "Content-Type", "application/json");
        PromptMessage withImage = PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is in this picture?"),
                new ContentPart.Image("data:image/png;base64," + PNG, null)));

        adapter(server.rootUrl(), KEY, Duration.ofSeconds(5)).chat(request(List.of(withImage), ModelParameters.DEFAULTS));

        String body = server.onlyRequest().body();
        assertThat(body).contains(PNG).contains("What is in this picture?").contains("image/png");
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
