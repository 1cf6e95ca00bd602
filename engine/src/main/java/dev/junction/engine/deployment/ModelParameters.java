package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Parameters of a model call. A null member means "the provider's default".
 * <ul>
 *   <li>{@code responseFormat} is OpenAI's shape: {@code {"type": "text" | "json_object" | "json_schema",
 *       "json_schema": {"name", "schema", "strict"}}}; adapters whose provider has another form translate it
 *       (Gemini's {@code responseSchema}, Anthropic's forced tool).</li>
 *   <li>{@code tools}, {@code toolChoice}, {@code parallelToolCalls}: the functions the model may call.</li>
 *   <li>{@code reasoningEffort} ({@code minimal|low|medium|high}) and {@code thinkingBudget} (tokens): how much a
 *       reasoning model thinks. Each adapter sends what its provider takes (OpenAI: the effort; Anthropic: the
 *       budget, from the effort when only that is set; Gemini: {@code thinkingConfig}).</li>
 * </ul>
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
        List<ToolSpec> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        String reasoningEffort,
        Integer thinkingBudget) {

    public static final ModelParameters DEFAULTS = new ModelParameters(null, null, null, null, null, null, null, null, null, null);

    public ModelParameters {
        stop = stop == null ? null : List.copyOf(stop);
        tools = tools == null ? null : List.copyOf(tools);
    }

    public ModelParameters(Double temperature, Integer maxTokens, Double topP, Integer topK, List<String> stop,
                           Double presencePenalty, Double frequencyPenalty, Long seed, Map<String, Object> responseFormat,
                           List<ToolSpec> tools) {
        this(temperature, maxTokens, topP, topK, stop, presencePenalty, frequencyPenalty, seed, responseFormat, tools,
                null, null, null, null);
    }

    public static ModelParameters of(Double temperature, Integer maxTokens) {
        return new ModelParameters(temperature, maxTokens, null, null, null, null, null, null, null, null);
    }

    /**
     * These parameters with every non-null member of {@code o} in place of its own, except {@code tools}: a request's
     * tools are added after the variant's (a request never removes a tool the variant's prompt may rely on).
     */
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
                o.tools == null ? tools : tools == null ? o.tools : concat(tools, o.tools),
                o.toolChoice != null ? o.toolChoice : toolChoice,
                o.parallelToolCalls != null ? o.parallelToolCalls : parallelToolCalls,
                o.reasoningEffort != null ? o.reasoningEffort : reasoningEffort,
                o.thinkingBudget != null ? o.thinkingBudget : thinkingBudget);
    }

    private static List<ToolSpec> concat(List<ToolSpec> a, List<ToolSpec> b) {
        List<ToolSpec> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    public ModelParameters withMaxTokens(Integer value) {
        return new ModelParameters(temperature, value, topP, topK, stop, presencePenalty, frequencyPenalty, seed,
                responseFormat, tools, toolChoice, parallelToolCalls, reasoningEffort, thinkingBudget);
    }

    public ModelParameters withTools(List<ToolSpec> value) {
        return new ModelParameters(temperature, maxTokens, topP, topK, stop, presencePenalty, frequencyPenalty, seed,
                responseFormat, value, toolChoice, parallelToolCalls, reasoningEffort, thinkingBudget);
    }

    public ModelParameters withToolChoice(ToolChoice value) {
        return new ModelParameters(temperature, maxTokens, topP, topK, stop, presencePenalty, frequencyPenalty, seed,
                responseFormat, tools, value, parallelToolCalls, reasoningEffort, thinkingBudget);
    }

    public ModelParameters withResponseFormat(Map<String, Object> value) {
        return new ModelParameters(temperature, maxTokens, topP, topK, stop, presencePenalty, frequencyPenalty, seed,
                value, tools, toolChoice, parallelToolCalls, reasoningEffort, thinkingBudget);
    }

    /** The response format's type ({@code text}, {@code json_object}, {@code json_schema}), or null. */
    public String responseFormatType() {
        return responseFormat == null || !(responseFormat.get("type") instanceof String s) ? null : s;
    }

    /**
     * The JSON schema a {@code json_schema} response format asks for ({@code json_schema.schema}), or null.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> responseSchema() {
        if (!"json_schema".equals(responseFormatType())) return null;
        if (!(responseFormat.get("json_schema") instanceof Map<?, ?> js)) return null;
        return js.get("schema") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
    }

    /** The name of a {@code json_schema} response format ({@code json_schema.name}), or "response". */
    public String responseSchemaName() {
        if (responseFormat != null && responseFormat.get("json_schema") instanceof Map<?, ?> js
                && js.get("name") instanceof String n && !n.isBlank()) return n;
        return "response";
    }

    /** The tool of this name, or null. */
    public ToolSpec tool(String name) {
        if (tools == null) return null;
        for (ToolSpec t : tools) if (t.name().equals(name)) return t;
        return null;
    }
}
