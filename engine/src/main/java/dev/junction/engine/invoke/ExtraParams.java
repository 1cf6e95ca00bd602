package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.SpecValidator;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Orquesta request's {@code extra_params} (wire names, OpenAI style) into {@link ModelParameters} that
 * override the variant's configuration; {@code /v1/chat/completions} reads its request's tool, response-format and
 * reasoning parameters through it too (field {@code ""}: paths without a prefix). Only parameters Junction can carry
 * to every provider are accepted, with the same limits a variant has; any other key is refused by name rather than
 * silently dropped, so a caller never believes a parameter took effect when it did not.
 * <ul>
 *   <li>{@code tools} ({@code [{type: "function", function: {name, description, parameters, strict}}]}) are added
 *       to the variant's tools: a request tool named like one of the variant's is a 400, checked once the request
 *       is routed ({@link #againstVariant}), as is a {@code tool_choice} naming a tool that neither has.</li>
 *   <li>{@code tool_choice}, {@code parallel_tool_calls}, {@code response_format}, {@code reasoning_effort}
 *       ({@code minimal|low|medium|high}) and {@code thinking} (Anthropic's spelling:
 *       {@code {type: "enabled", budget_tokens}}, the thinking budget in tokens) replace the variant's.</li>
 * </ul>
 */
public final class ExtraParams {
    /** Wire name → the name the variant's configuration (and {@link SpecValidator}) uses. */
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("temperature", "temperature");
        NAMES.put("max_tokens", "maxTokens");
        NAMES.put("top_p", "topP");
        NAMES.put("top_k", "topK");
        NAMES.put("stop", "stop");
        NAMES.put("presence_penalty", "presencePenalty");
        NAMES.put("frequency_penalty", "frequencyPenalty");
        NAMES.put("seed", "seed");
        NAMES.put("response_format", "responseFormat");
        NAMES.put("tools", "tools");
        NAMES.put("tool_choice", "toolChoice");
        NAMES.put("parallel_tool_calls", "parallelToolCalls");
        NAMES.put("reasoning_effort", "reasoningEffort");
        NAMES.put("thinking", "thinkingBudget");
    }

    /** The reasoning efforts every adapter can map (OpenAI's, in order). */
    static final List<String> EFFORTS = List.of("minimal", "low", "medium", "high");

    private ExtraParams() {}

    /**
     * @param field the request field's name, for error paths ({@code extra_params})
     * @throws InvalidInputException naming each key that is unknown, of the wrong type or out of range
     */
    @SuppressWarnings("unchecked")
    public static ModelParameters parse(String field, Map<String, Object> extra) {
        if (extra == null || extra.isEmpty()) return ModelParameters.DEFAULTS;
        List<FieldError> errors = new ArrayList<>();
        Double temperature = null, topP = null, presence = null, frequency = null;
        Integer maxTokens = null, topK = null;
        Long seed = null;
        List<String> stop = null;
        Map<String, Object> responseFormat = null;
        List<ToolSpec> tools = null;
        ToolChoice toolChoice = null;
        Boolean parallel = null;
        String effort = null;
        Integer budget = null;
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            String path = path(field, e.getKey());
            Object v = e.getValue();
            if (v == null) continue; // null means "the variant's value"
            switch (e.getKey()) {
                case "temperature" -> temperature = number(path, v, errors);
                case "top_p" -> topP = number(path, v, errors);
                case "presence_penalty" -> presence = number(path, v, errors);
                case "frequency_penalty" -> frequency = number(path, v, errors);
                case "max_tokens" -> maxTokens = integer(path, v, errors);
                case "top_k" -> topK = integer(path, v, errors);
                case "seed" -> {
                    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) seed = n.longValue();
                    else errors.add(new FieldError(path, "must be an integer"));
                }
                case "stop" -> {
                    if (v instanceof String s) stop = List.of(s);
                    else if (v instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) stop = (List<String>) l;
                    else errors.add(new FieldError(path, "must be a string or an array of strings"));
                }
                case "response_format" -> {
                    if (v instanceof Map<?, ?> m) responseFormat = (Map<String, Object>) m;
                    else errors.add(new FieldError(path, "must be an object such as {\"type\": \"json_object\"}"));
                }
                case "tools" -> tools = ToolParams.tools(path, v, errors);
                case "tool_choice" -> toolChoice = ToolParams.choice(path, v, errors);
                case "parallel_tool_calls" -> {
                    if (v instanceof Boolean b) parallel = b;
                    else errors.add(new FieldError(path, "must be true or false"));
                }
                case "reasoning_effort" -> {
                    if (v instanceof String s && EFFORTS.contains(s)) effort = s;
                    else errors.add(new FieldError(path, "must be one of " + String.join(", ", EFFORTS)));
                }
                case "thinking" -> budget = thinking(path, v, errors);
                default -> errors.add(new FieldError(path, "not a parameter Junction can pass on; supported: "
                        + String.join(", ", NAMES.keySet())));
            }
        }
        ModelParameters p = new ModelParameters(temperature, maxTokens, topP, topK, stop, presence, frequency, seed,
                responseFormat, tools, toolChoice, parallel, effort, budget);
        List<FieldError> limits = new ArrayList<>(); // a mistyped value is null here, so never reported twice
        SpecValidator.parameters(field, p, limits);
        for (FieldError f : limits) errors.add(new FieldError(wire(field, f.path()), f.message()));
        if (!errors.isEmpty()) throw new InvalidInputException(onePerPath(errors));
        return p;
    }

    /**
     * The check of a request's overrides against one model of the variant it was routed to (the variant's tools are
     * only known then): {@link ToolParams#againstVariant}, paths under {@code extra_params} (the OpenAI door says
     * them without the prefix). The invoke path calls it for each of the variant's models before the first call.
     */
    public static List<FieldError> againstVariant(ModelParameters variant, ModelParameters overrides) {
        if (overrides == null || overrides.equals(ModelParameters.DEFAULTS)) return List.of();
        return ToolParams.againstVariant(FIELD, variant, overrides);
    }

    /** The Orquesta request field the overrides come from, as error paths say it. */
    public static final String FIELD = "extra_params";

    /** {@code thinking: {type: "enabled", budget_tokens: N}} → N; {@code {type: "disabled"}} is not a budget. */
    private static Integer thinking(String path, Object v, List<FieldError> errors) {
        if (v instanceof Map<?, ?> m && "enabled".equals(m.get("type"))) {
            if (m.get("budget_tokens") instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.doubleValue() >= 1 && n.doubleValue() <= Integer.MAX_VALUE) {
                return n.intValue();
            }
            errors.add(new FieldError(path + ".budget_tokens", "required: the thinking budget, a whole number of tokens"));
            return null;
        }
        errors.add(new FieldError(path, "must be {\"type\": \"enabled\", \"budget_tokens\": <tokens>} (leave it out for no thinking budget)"));
        return null;
    }

    private static String path(String field, String key) {
        return field.isEmpty() ? key : field + "." + key;
    }

    /** Errors with one message per path (the first): a value may be refused here and by the variant's validator. */
    private static List<FieldError> onePerPath(List<FieldError> errors) {
        Map<String, FieldError> byPath = new LinkedHashMap<>();
        for (FieldError f : errors) byPath.putIfAbsent(f.path(), f);
        return List.copyOf(byPath.values());
    }

    /** {@code extra_params.maxTokens} → {@code extra_params.max_tokens}; {@code .tools[1].name} → {@code tools[1].function.name}. */
    private static String wire(String field, String path) {
        String rest = path.substring(field.length() + 1);
        for (Map.Entry<String, String> n : NAMES.entrySet()) {
            String name = n.getValue();
            if (rest.equals(name) || rest.startsWith(name + ".") || rest.startsWith(name + "[")) {
                String tail = rest.substring(name.length());
                if (name.equals("tools")) tail = tail.replaceFirst("^(\\[\\d+])\\.", "$1.function.");
                if (name.equals("thinkingBudget")) tail = ".budget_tokens" + tail;
                if (name.equals("toolChoice")) tail = tail.equals(".name") ? ".function.name" : tail.equals(".mode") ? "" : tail;
                return path(field, n.getKey()) + tail;
            }
        }
        return path;
    }

    private static Double number(String path, Object v, List<FieldError> errors) {
        if (v instanceof Number n) return n.doubleValue();
        errors.add(new FieldError(path, "must be a number"));
        return null;
    }

    private static Integer integer(String path, Object v, List<FieldError> errors) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= Integer.MIN_VALUE && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        errors.add(new FieldError(path, "must be an integer"));
        return null;
    }
}
