package dev.junction.web.orq;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant as the Orquesta SDK describes a prompt configuration (reference sections 6 and 7): camelCase model
 * parameters ({@code responseFormat}, {@code reasoningEffort}, {@code budgetTokens} among them), tools as functions
 * whose parameters always have {@code type: "object"} and {@code properties} (with {@code strict} when set),
 * messages with their parts and tool calls, and only values the SDK's closed enums accept.
 */
public final class OrqPromptConfig {
    private OrqPromptConfig() {}

    public static Map<String, Object> parameters(ModelParameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "temperature", p.temperature());
        put(m, "maxTokens", p.maxTokens());
        put(m, "topP", p.topP());
        put(m, "topK", p.topK());
        put(m, "frequencyPenalty", p.frequencyPenalty());
        put(m, "presencePenalty", p.presencePenalty());
        put(m, "seed", p.seed());
        Map<String, Object> format = p.responseFormat();
        if (format != null && isAcceptedFormat(format)) m.put("responseFormat", format);
        put(m, "reasoningEffort", p.reasoningEffort());
        put(m, "budgetTokens", p.thinkingBudget());
        return m;
    }

    /** text and json_object as they are; json_schema only with the name and schema the SDK requires. */
    private static boolean isAcceptedFormat(Map<String, Object> format) {
        Object type = format.get("type");
        if ("text".equals(type) || "json_object".equals(type)) return true;
        return "json_schema".equals(type) && format.get("json_schema") instanceof Map<?, ?> s
                && s.get("name") instanceof String && s.get("schema") instanceof Map;
    }

    public static List<Map<String, Object>> tools(ModelParameters p) {
        if (p.tools() == null) return List.of();
        return p.tools().stream().map(OrqPromptConfig::tool).toList();
    }

    private static Map<String, Object> tool(ToolSpec t) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("type", "object");
        parameters.put("properties", Map.of());
        if (t.parameters() != null) parameters.putAll(t.parameters());
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", t.name());
        if (t.description() != null) function.put("description", t.description());
        if (t.strict() != null) function.put("strict", t.strict());
        function.put("parameters", parameters);
        return Map.of("type", "function", "function", function);
    }

    public static List<Map<String, Object>> messages(Variant variant) {
        return messages(variant.messages());
    }

    public static List<Map<String, Object>> messages(List<PromptMessage> messages) {
        return messages.stream().map(OrqPromptConfig::message).toList();
    }

    /**
     * {@code {role, content, tool_calls?, tool_call_id?}}: content the text, or the parts (text, {@code image_url},
     * {@code file}) of a message that has media. Orquesta's configuration parts have no audio part: audio is shown as
     * a {@code file} part holding it as a data URI ({@code data:audio/wav;base64,...}).
     */
    private static Map<String, Object> message(PromptMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", m.role().wireName());
        out.put("content", m.parts() == null ? m.content() : m.parts().stream().map(OrqPromptConfig::part).toList());
        if (m.toolCalls() != null) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (int i = 0; i < m.toolCalls().size(); i++) {
                ToolCall c = m.toolCalls().get(i);
                Map<String, Object> call = new LinkedHashMap<>();
                if (c.id() != null) call.put("id", c.id());
                call.put("index", i);
                call.put("type", "function");
                call.put("function", Map.of("name", c.name(), "arguments", c.arguments()));
                calls.add(call);
            }
            out.put("tool_calls", calls);
        }
        if (m.toolCallId() != null) out.put("tool_call_id", m.toolCallId());
        return out;
    }

    private static Map<String, Object> part(ContentPart part) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (part) {
            case ContentPart.Text t -> {
                out.put("type", "text");
                out.put("text", t.text());
            }
            case ContentPart.Image i -> {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("url", i.url());
                if (i.detail() != null) image.put("detail", i.detail());
                out.put("type", "image_url");
                out.put("image_url", image);
            }
            case ContentPart.File f -> {
                Map<String, Object> file = new LinkedHashMap<>();
                if (f.data() != null) file.put("file_data", f.data());
                if (f.uri() != null) file.put("uri", f.uri());
                if (f.effectiveMediaType() != null) file.put("mimeType", f.effectiveMediaType());
                if (f.filename() != null) file.put("filename", f.filename());
                out.put("type", "file");
                out.put("file", file);
            }
            case ContentPart.Audio a -> {
                out.put("type", "file");
                out.put("file", Map.of("file_data", "data:audio/" + a.format() + ";base64," + a.data(),
                        "mimeType", "audio/" + a.format()));
            }
        }
        return out;
    }

    /** The list endpoint's {@code prompt_config}. */
    public static Map<String, Object> of(Variant variant, String orqProvider) {
        ModelConfig model = variant.primary();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tools", tools(model.parameters()));
        m.put("model", model.model());
        m.put("model_type", "chat");
        m.put("model_parameters", parameters(model.parameters()));
        m.put("provider", orqProvider);
        m.put("messages", messages(variant));
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
