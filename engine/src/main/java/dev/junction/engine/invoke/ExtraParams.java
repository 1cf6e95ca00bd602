package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.SpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Orquesta request's {@code extra_params} (wire names, OpenAI style) into {@link ModelParameters} that
 * override the variant's configuration. Only parameters Junction can carry to every provider are accepted, with the
 * same limits a variant has; any other key is refused by name rather than silently dropped, so a caller never
 * believes a parameter took effect when it did not.
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
    }

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
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            String path = field + "." + e.getKey();
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
                default -> errors.add(new FieldError(path, "not a parameter Junction can pass on; supported: "
                        + String.join(", ", NAMES.keySet())));
            }
        }
        ModelParameters p = new ModelParameters(temperature, maxTokens, topP, topK, stop, presence, frequency, seed,
                responseFormat, null);
        List<FieldError> limits = new ArrayList<>(); // a mistyped value is null here, so never reported twice
        SpecValidator.parameters(field, p, limits);
        for (FieldError f : limits) errors.add(new FieldError(wire(field, f.path()), f.message()));
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        return p;
    }

    /** {@code extra_params.maxTokens} → {@code extra_params.max_tokens}. */
    private static String wire(String field, String path) {
        String rest = path.substring(field.length() + 1);
        for (Map.Entry<String, String> n : NAMES.entrySet()) {
            if (rest.equals(n.getValue()) || rest.startsWith(n.getValue() + ".")) {
                return field + "." + n.getKey() + rest.substring(n.getValue().length());
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
