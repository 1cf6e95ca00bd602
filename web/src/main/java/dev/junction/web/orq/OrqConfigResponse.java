package dev.junction.web.orq;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.invoke.ResolvedConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/deployments/get_config} as the official SDK validates it (reference sections 7 and
 * 8.1): {@code provider} is a free string here, so it is the provider connection's name; {@code parameters} keys
 * are camelCase; optional members are omitted rather than null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrqConfigResponse(String id, String provider, String model, String type, String version,
                                List<Message> messages, Map<String, Object> parameters, List<Tool> tools) {

    /** {@code content} is required by the SDK (null allowed, so never omitted). */
    public record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content) {}

    public record Tool(String type, Function function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String description, Map<String, Object> parameters) {}

    public static OrqConfigResponse from(ResolvedConfig config) {
        ModelParameters p = config.model().parameters();
        List<Tool> tools = p.tools() == null ? List.of() : p.tools().stream().map(OrqConfigResponse::tool).toList();
        return new OrqConfigResponse(
                config.id().toString(),
                config.model().provider(),
                config.model().model(),
                "chat",
                config.version().label(),
                config.messages().stream().map(OrqConfigResponse::message).toList(),
                parameters(p),
                tools);
    }

    private static Message message(PromptMessage m) {
        return new Message(m.role().wireName(), m.content());
    }

    private static Tool tool(ToolSpec spec) {
        return new Tool("function", new Function(spec.name(), spec.description(), spec.parameters()));
    }

    /** The section 7 keys this gateway has a value for; stop sequences have no getConfig key and are left out. */
    static Map<String, Object> parameters(ModelParameters p) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfSet(out, "temperature", p.temperature());
        putIfSet(out, "maxTokens", p.maxTokens());
        putIfSet(out, "topP", p.topP());
        putIfSet(out, "topK", p.topK());
        putIfSet(out, "frequencyPenalty", p.frequencyPenalty());
        putIfSet(out, "presencePenalty", p.presencePenalty());
        putIfSet(out, "seed", p.seed());
        putIfSet(out, "responseFormat", p.responseFormat());
        return out;
    }

    private static void putIfSet(Map<String, Object> out, String key, Object value) {
        if (value != null) out.put(key, value);
    }
}
