package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.web.http.ToolLoopDoors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK ({@code com.openai:openai-java}), unmodified, on {@code /v1/chat/completions}: a whole
 * tool loop where the SDK turns the answer into the next turn's message itself ({@code addMessage(ChatCompletionMessage)}),
 * streamed through the SDK's own {@link ChatCompletionAccumulator}; an image part; JSON by {@code response_format};
 * which parameters were honoured and which named as ignored. The model is scripted ({@link ToolLoopDoors}).
 */
class ChatCompletionsToolLoopJavaSdkTest {
    static ToolLoopDoors doors;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        doors = new ToolLoopDoors();
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + doors.port() + "/v1").apiKey(doors.apiKey)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        doors.close();
    }

    static ChatCompletionCreateParams.Builder ask() {
        return ChatCompletionCreateParams.builder().model(ToolLoopDoors.KEY).addUserMessage("Weather in Paris?");
    }

    static ChatCompletionToolMessageParam result(String id) {
        return ChatCompletionToolMessageParam.builder().toolCallId(id).content("18C").build();
    }

    @Test
    void create_receives_a_tool_call_and_the_sdks_own_assistant_message_carries_it_back() {
        ChatCompletion first = client.chat().completions().create(ask().build());
        first.validate();

        ChatCompletion.Choice choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage message = choice.message();
        assertThat(message.content()).isEmpty();
        assertThat(message._additionalProperties().get("reasoning_content")).isEqualTo(JsonValue.from("The user wants the weather."));
        ChatCompletionMessageFunctionToolCall call = message.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo(ToolLoopDoors.ARGUMENTS);

        ChatCompletion second = client.chat().completions().create(ask().addMessage(message).addMessage(result(call.id())).build());

        assertThat(second.choices().getFirst().message().content()).hasValue("In Paris: 18C");
        List<PromptMessage> sent = doors.lastMessages();
        assertThat(sent.get(2).toolCalls()).containsExactly(new ToolCall(call.id(), "get_weather", ToolLoopDoors.ARGUMENTS));
        assertThat(sent.get(3)).isEqualTo(PromptMessage.toolResult(call.id(), "18C"));
    }

    @Test
    void a_stream_accumulates_into_the_tool_call_and_the_loop_goes_on_streamed() {
        ChatCompletionAccumulator first = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask().build())) {
            stream.stream().forEach(first::accumulate);
        }

        ChatCompletion.Choice choice = first.chatCompletion().choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo(ToolLoopDoors.ARGUMENTS);

        ChatCompletionAccumulator second = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask().addMessage(choice.message()).addMessage(result(call.id())).build())) {
            stream.stream().forEach(second::accumulate);
        }
        assertThat(second.chatCompletion().choices().getFirst().message().content()).hasValue("In Paris: 18C");
    }

    @Test
    void an_image_part_reaches_the_model_and_request_tools_are_honoured_while_sampling_parameters_are_named_as_ignored() {
        String png = ChatCompletionsToolLoopNodeSdkTest.PNG;
        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(ChatCompletionCreateParams.builder()
                .model(ToolLoopDoors.KEY)
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(png).build()).build())))
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("describe")
                        .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of())).build()).build()).build())
                .temperature(0.2)
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().values("X-Junction-Ignored-Params")).containsExactly("temperature");
        assertThat(doors.lastMessages().getLast().parts()).containsExactly(new ContentPart.Text("What is this?"), new ContentPart.Image(png, null));
        assertThat(doors.calls.getLast().parameters().tools()).extracting(ToolSpec::name).containsExactly("get_weather", "describe");
    }

    @Test
    void response_format_json_object_gets_json() throws Exception {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder().model(ToolLoopDoors.KEY)
                .addUserMessage("Weather in Paris as JSON").responseFormat(ResponseFormatJsonObject.builder().build()).build());

        String json = c.choices().getFirst().message().content().orElseThrow();
        assertThat(new ObjectMapper().readTree(json).get("city").asText()).isEqualTo("Paris");
    }
}
