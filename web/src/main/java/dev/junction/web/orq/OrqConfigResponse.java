package dev.junction.web.orq;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.invoke.ResolvedConfig;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/deployments/get_config} as the official SDK validates it (reference sections 7 and
 * 8.1): {@code provider} is a free string here, so it is the provider connection's name; {@code parameters} keys
 * are camelCase; optional members are omitted rather than null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrqConfigResponse(String id, String provider, String model, String type, String version,
                                List<Map<String, Object>> messages, Map<String, Object> parameters,
                                List<Map<String, Object>> tools) {

    /** Messages, parameters and tools are mapped by {@link OrqPromptConfig}, as for the list endpoint. */
    public static OrqConfigResponse from(ResolvedConfig config) {
        ModelParameters p = config.model().parameters();
        return new OrqConfigResponse(
                config.id().toString(),
                config.model().provider(),
                config.model().model(),
                "chat",
                config.version().label(),
                OrqPromptConfig.messages(config.messages()),
                OrqPromptConfig.parameters(p),
                OrqPromptConfig.tools(p));
    }
}
