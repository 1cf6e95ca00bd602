package dev.junction.web.orq;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant as the Orquesta SDK describes a prompt configuration (reference sections 6 and 7): camelCase model
 * parameters, tools as functions whose parameters always have {@code type: "object"} and {@code properties},
 * and only values the SDK's closed enums accept.
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
        function.put("parameters", parameters);
        return Map.of("type", "function", "function", function);
    }

    public static List<Map<String, Object>> messages(Variant variant) {
        return messages(variant.messages());
    }

    public static List<Map<String, Object>> messages(List<PromptMessage> messages) {
        return messages.stream().map(OrqPromptConfig::message).toList();
    }

    private static Map<String, Object> message(PromptMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", m.role().wireName());
        out.put("content", m.content());
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
