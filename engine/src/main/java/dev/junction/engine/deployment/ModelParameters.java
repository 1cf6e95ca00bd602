package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a model call. A null member means "the provider's default".
 * {@code responseFormat} is OpenAI's shape: {@code {"type": "text" | "json_object" | "json_schema", "json_schema": {...}}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelParameters(
        Double temperature,
        Integer maxTokens,
        Double topP,
        Integer topK,
        List<String> stop,
        Double presencePenalty,
        Double frequencyPenalty,
        Long seed,
        Map<String, Object> responseFormat,
        List<ToolSpec> tools) {

    public static final ModelParameters DEFAULTS = new ModelParameters(null, null, null, null, null, null, null, null, null, null);

    public ModelParameters {
        stop = stop == null ? null : List.copyOf(stop);
        tools = tools == null ? null : List.copyOf(tools);
    }

    public static ModelParameters of(Double temperature, Integer maxTokens) {
        return new ModelParameters(temperature, maxTokens, null, null, null, null, null, null, null, null);
    }

    /** These parameters with every non-null member of {@code o} in place of its own. */
    public ModelParameters overriddenBy(ModelParameters o) {
        if (o == null || o.equals(DEFAULTS)) return this;
        return new ModelParameters(
                o.temperature != null ? o.temperature : temperature,
                o.maxTokens != null ? o.maxTokens : maxTokens,
                o.topP != null ? o.topP : topP,
                o.topK != null ? o.topK : topK,
                o.stop != null ? o.stop : stop,
                o.presencePenalty != null ? o.presencePenalty : presencePenalty,
                o.frequencyPenalty != null ? o.frequencyPenalty : frequencyPenalty,
                o.seed != null ? o.seed : seed,
                o.responseFormat != null ? o.responseFormat : responseFormat,
                o.tools != null ? o.tools : tools);
    }

    public ModelParameters withMaxTokens(Integer value) {
        return new ModelParameters(temperature, value, topP, topK, stop, presencePenalty, frequencyPenalty, seed, responseFormat, tools);
    }
}
