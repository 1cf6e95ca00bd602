package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptCachingSettings;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.PromptCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the Messages API request carries {@code cache_control}: on the last block of the variant's fixed prefix, in
 * Anthropic's order (tools, system, turns), exactly once; never when prompt caching is off.
 */
class AnthropicCacheBreakpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PromptCachingSettings ON = PromptCachingSettings.DEFAULT;
    private static final PromptCachingSettings ONE_HOUR = new PromptCachingSettings(true, "1h");
    private static final PromptCachingSettings OFF = new PromptCachingSettings(false, null);
    private static final String EPHEMERAL = "{\"type\":\"ephemeral\"}";

    private static final ToolSpec LOOKUP = new ToolSpec("lookup_order", "Finds an order",
            Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));
    private static final ToolSpec REFUND = new ToolSpec("refund", "Refunds an order",
            Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string"))));

    private static JsonNode body(List<PromptMessage> messages, int prefix, int tools, ModelParameters p,
                                 PromptCachingSettings settings) throws Exception {
        ChatRequest request = new ChatRequest("claude-sonnet-4-5", messages, p, 1, null, null,
                new PromptCache(prefix, tools, settings));
        return JSON.readTree(AnthropicMapper.requestBody(request, false));
    }

    private static JsonNode body(List<PromptMessage> messages, int prefix, PromptCachingSettings settings) throws Exception {
        return body(messages, prefix, PromptCache.ALL_TOOLS, ModelParameters.DEFAULTS, settings);
    }

    /** Every path in the body that carries cache_control. */
    private static List<String> marks(JsonNode node, String path) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("cache_control")) out.add(path);
                else out.addAll(marks(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) out.addAll(marks(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    @Test
    void a_system_prompt_alone_is_marked_on_its_system_block() throws Exception {
        JsonNode body = body(List.of(PromptMessage.system("You are Acme's support assistant."),
                PromptMessage.user("Where is my order?")), 1, ON);

        assertThat(marks(body, "")).containsExactly("system[0]");
        assertThat(body.get("system").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"You are Acme's support assistant.\",\"cache_control\":" + EPHEMERAL + "}]");
        assertThat(body.get("messages").get(0).get("content").asText()).isEqualTo("Where is my order?");
    }

    @Test
    void tools_and_a_system_prompt_are_marked_on_the_system_block_which_caches_the_tools_before_it() throws Exception {
        JsonNode body = body(List.of(PromptMessage.system("You are Acme's support assistant."),
                PromptMessage.user("Where is my order?")), 1, PromptCache.ALL_TOOLS,
                ModelParameters.DEFAULTS.withTools(List.of(LOOKUP, REFUND)), ON);

        assertThat(marks(body, "")).containsExactly("system[0]");
        assertThat(body.get("tools").get(1).has("cache_control")).isFalse();
    }

    @Test
    void tools_without_a_system_prompt_are_marked_on_the_last_tool() throws Exception {
        JsonNode body = body(List.of(PromptMessage.user("Where is my order?")), 0, PromptCache.ALL_TOOLS,
                ModelParameters.DEFAULTS.withTools(List.of(LOOKUP, REFUND)), ON);

        assertThat(marks(body, "")).containsExactly("tools[1]");
        assertThat(body.get("tools").get(1).get("cache_control").toString()).isEqualTo(EPHEMERAL);
        assertThat(body.get("tools").get(1).get("name").asText()).isEqualTo("refund");
    }

    @Test
    void tools_a_request_added_end_the_prefix_at_the_variants_last_tool() throws Exception {
        JsonNode body = body(List.of(PromptMessage.system("You are Acme's support assistant."),
                PromptMessage.user("Where is my order?")), 1, 1,
                ModelParameters.DEFAULTS.withTools(List.of(LOOKUP, REFUND)), ON);

        assertThat(marks(body, "")).containsExactly("tools[0]");
        assertThat(body.get("system").isTextual()).isTrue();
    }

    @Test
    void template_messages_before_the_callers_are_marked_on_their_last_block() throws Exception {
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You classify support tickets."),
                PromptMessage.user("Ticket: my parcel never came"),
                PromptMessage.assistant("shipping"),
                PromptMessage.user("Ticket: I was charged twice"),   // the variant's last template message
                PromptMessage.user("Ticket: the app crashes at login")); // the caller's, merged into the same turn

        JsonNode body = body(messages, 4, ON);

        assertThat(marks(body, "")).containsExactly("messages[2].content[0]");
        JsonNode last = body.get("messages").get(2).get("content");
        assertThat(last.toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"Ticket: I was charged twice\",\"cache_control\":"
                + EPHEMERAL + "},{\"type\":\"text\",\"text\":\"Ticket: the app crashes at login\"}]");
        assertThat(body.get("system").isTextual()).as("the system prompt is cached by the later breakpoint").isTrue();
        assertThat(body.get("messages").get(0).get("content").isTextual()).as("unmarked turns stay strings").isTrue();
    }

    @Test
    void a_callers_system_message_ends_the_prefix_after_the_variants_system_block() throws Exception {
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You classify support tickets."),
                PromptMessage.user("Ticket: my parcel never came"),
                PromptMessage.assistant("shipping"),
                PromptMessage.system("Answer in French."),   // the caller's: Anthropic takes it at the top, before every turn
                PromptMessage.user("Ticket: the app crashes at login"));

        JsonNode body = body(messages, 3, ON);

        assertThat(marks(body, "")).containsExactly("system[0]");
        assertThat(body.get("system").get(0).get("text").asText()).isEqualTo("You classify support tickets.");
        assertThat(body.get("system").get(1).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"Answer in French.\"}");
    }

    @Test
    void a_thinking_block_cannot_carry_the_breakpoint_which_goes_on_the_block_before_it() throws Exception {
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You classify support tickets."),
                PromptMessage.user("Ticket: my parcel never came"),
                PromptMessage.toolCalls("shipping", List.of(), List.of(Reasoning.text("a parcel: shipping", "sig-1"))),
                PromptMessage.user("Ticket: the app crashes at login"));
        ModelParameters thinking = new ModelParameters(null, 2000, null, null, null, null, null, null, null, null,
                null, null, null, 1024);

        JsonNode body = body(messages, 3, PromptCache.ALL_TOOLS, thinking, ON);

        assertThat(body.get("messages").get(1).get("content").get(0).get("type").asText()).isEqualTo("thinking");
        assertThat(marks(body, "")).containsExactly("messages[1].content[1]");
    }

    @Test
    void a_one_hour_ttl_is_sent() throws Exception {
        JsonNode body = body(List.of(PromptMessage.system("You are Acme's support assistant."),
                PromptMessage.user("Where is my order?")), 1, ONE_HOUR);

        assertThat(body.get("system").get(0).get("cache_control").toString()).isEqualTo("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
    }

    @Test
    void caching_off_sends_no_cache_control_and_the_body_of_before() throws Exception {
        List<PromptMessage> messages = List.of(PromptMessage.system("You are Acme's support assistant."),
                PromptMessage.user("Ticket: my parcel never came"), PromptMessage.user("Where is my order?"));
        JsonNode off = body(messages, 2, PromptCache.ALL_TOOLS, ModelParameters.DEFAULTS.withTools(List.of(LOOKUP)), OFF);
        JsonNode none = JSON.readTree(AnthropicMapper.requestBody(new ChatRequest("claude-sonnet-4-5", messages,
                ModelParameters.DEFAULTS.withTools(List.of(LOOKUP)), 1), false));

        assertThat(marks(off, "")).isEmpty();
        assertThat(off).isEqualTo(none);
        assertThat(off.get("system").isTextual()).isTrue();
        assertThat(off.get("messages").get(0).get("content").asText()).isEqualTo("Ticket: my parcel never came\n\nWhere is my order?");
    }

    @Test
    void no_prefix_and_no_tools_is_no_breakpoint() throws Exception {
        JsonNode body = body(List.of(PromptMessage.user("Where is my order?")), 0, ON);

        assertThat(marks(body, "")).isEmpty();
    }

    @Test
    void the_json_tool_of_a_response_format_is_part_of_the_prefix() throws Exception {
        ModelParameters json = ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_object"));
        JsonNode body = body(List.of(PromptMessage.user("Where is my order?")), 0, PromptCache.ALL_TOOLS, json, ON);

        assertThat(marks(body, "")).containsExactly("tools[0]");
        assertThat(body.get("tools").get(0).get("name").asText()).isEqualTo(AnthropicControls.JSON_OBJECT_TOOL);
    }
}
