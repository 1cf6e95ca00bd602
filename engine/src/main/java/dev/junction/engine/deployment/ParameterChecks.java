package dev.junction.engine.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a model's tools, tool choice, response format and reasoning settings, for {@link SpecValidator}.
 * Two kinds, because a request's {@code extra_params} override only some parameters of a variant's model:
 * <ul>
 *   <li>{@link #fields}: each parameter on its own (a tool's name and JSON-schema parameters, a response format's
 *       type, name and schema, a reasoning effort), right for a variant's parameters and for an override alike;</li>
 *   <li>{@link #coherence}: the rules across parameters of a complete set, the one a model is called with
 *       (a forced tool exists, {@code required} has tools to choose from, a thinking budget fits in
 *       {@code maxTokens}).</li>
 * </ul>
 * Names follow OpenAI's rule for function names ({@code ^[a-zA-Z0-9_-]{1,64}$}), which the other providers take.
 * The thinking budget follows Anthropic's rule (at least {@value #MIN_THINKING_BUDGET} tokens, fewer than
 * {@code max_tokens}): a budget of 0 to turn Gemini's thinking off is not a budget here; leave it unset instead.
 */
final class ParameterChecks {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    static final String NAME_RULE = "must be 1 to 64 letters, digits, '_' or '-'";
    /** OpenAI's limit on tools per request. */
    static final int MAX_TOOLS = 128;
    /** Characters of a tool's description (OpenAI once capped it at 1024; Junction bounds what it stores). */
    static final int MAX_DESCRIPTION = 8192;
    static final int MIN_THINKING_BUDGET = 1024;
    static final List<String> EFFORTS = List.of("minimal", "low", "medium", "high");
    static final List<String> CHOICES = List.of("auto", "none", "required", "function");
    private static final List<String> FORMAT_KEYS = List.of("type", "json_schema");
    private static final List<String> JSON_SCHEMA_KEYS = List.of("name", "description", "schema", "strict");

    private ParameterChecks() {}

    static void fields(String path, ModelParameters p, List<FieldError> errors) {
        if (p.responseFormat() != null) responseFormat(path + ".responseFormat", p.responseFormat(), errors);
        if (p.tools() != null) tools(path + ".tools", p.tools(), errors);
        if (p.toolChoice() != null) toolChoice(path + ".toolChoice", p.toolChoice(), errors);
        if (p.reasoningEffort() != null && !EFFORTS.contains(p.reasoningEffort())) {
            errors.add(new FieldError(path + ".reasoningEffort", "must be one of " + String.join(", ", EFFORTS)));
        }
        if (p.thinkingBudget() != null && p.thinkingBudget() < MIN_THINKING_BUDGET) {
            errors.add(new FieldError(path + ".thinkingBudget", "must be at least " + MIN_THINKING_BUDGET + " tokens"));
        }
    }

    static void coherence(String path, ModelParameters p, List<FieldError> errors) {
        boolean hasTools = p.tools() != null && !p.tools().isEmpty();
        ToolChoice choice = p.toolChoice();
        if (choice != null && ("required".equals(choice.mode()) || choice.forcesOne()) && !hasTools) {
            errors.add(new FieldError(path + ".toolChoice", "'" + choice.mode() + "' needs tools, and there are none"));
        } else if (choice != null && choice.forcesOne() && choice.name() != null && p.tool(choice.name()) == null) {
            errors.add(new FieldError(path + ".toolChoice.name", "no tool named '" + choice.name() + "' (tools: "
                    + String.join(", ", p.tools().stream().filter(t -> t != null && t.name() != null).map(ToolSpec::name).toList())
                    + ")"));
        }
        if (p.parallelToolCalls() != null && !hasTools) {
            errors.add(new FieldError(path + ".parallelToolCalls", "only with tools"));
        }
        if (p.thinkingBudget() != null && p.maxTokens() != null && p.thinkingBudget() >= p.maxTokens()) {
            errors.add(new FieldError(path + ".thinkingBudget", "must be less than maxTokens (" + p.maxTokens()
                    + "): the thinking counts within the answer's tokens"));
        }
    }

    private static void tools(String path, List<ToolSpec> tools, List<FieldError> errors) {
        if (tools.size() > MAX_TOOLS) errors.add(new FieldError(path, "at most " + MAX_TOOLS + " tools"));
        Set<String> names = new HashSet<>();
        for (int t = 0; t < tools.size(); t++) {
            ToolSpec tool = tools.get(t);
            String tp = path + "[" + t + "]";
            if (tool == null) {
                errors.add(new FieldError(tp, "must not be null"));
                continue;
            }
            if (tool.name() == null || !NAME.matcher(tool.name()).matches()) {
                errors.add(new FieldError(tp + ".name", NAME_RULE));
            } else if (!names.add(tool.name())) {
                errors.add(new FieldError(tp + ".name", "'" + tool.name() + "' is used by another tool"));
            }
            if (tool.description() != null && tool.description().length() > MAX_DESCRIPTION) {
                errors.add(new FieldError(tp + ".description", "at most " + MAX_DESCRIPTION + " characters"));
            }
            if (tool.parameters() != null) {
                List<FieldError> schema = JsonSchemas.problems(tp + ".parameters", tool.parameters());
                errors.addAll(schema);
                if (schema.isEmpty() && !"object".equals(tool.parameters().get("type"))) {
                    errors.add(new FieldError(tp + ".parameters.type", "must be \"object\": a tool takes named arguments"));
                }
            }
        }
    }

    private static void toolChoice(String path, ToolChoice choice, List<FieldError> errors) {
        if (choice.mode() == null || !CHOICES.contains(choice.mode())) {
            errors.add(new FieldError(path + ".mode", "must be one of " + String.join(", ", CHOICES)));
        } else if (choice.forcesOne()) {
            if (choice.name() == null || !NAME.matcher(choice.name()).matches()) {
                errors.add(new FieldError(path + ".name", "the tool to call: " + NAME_RULE));
            }
        } else if (choice.name() != null) {
            errors.add(new FieldError(path + ".name", "only with mode 'function'"));
        }
    }

    private static void responseFormat(String path, Map<String, Object> format, List<FieldError> errors) {
        unknownKeys(path, format, FORMAT_KEYS, errors);
        Object type = format.get("type");
        if (!List.of("text", "json_object", "json_schema").contains(type)) {
            errors.add(new FieldError(path + ".type", "must be text, json_object or json_schema"));
            return;
        }
        Object js = format.get("json_schema");
        if (!"json_schema".equals(type)) {
            if (js != null) errors.add(new FieldError(path + ".json_schema", "only with type json_schema"));
            return;
        }
        if (!(js instanceof Map<?, ?> m)) {
            errors.add(new FieldError(path + ".json_schema", "required with type json_schema: {name, schema, strict}"));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) m;
        String jp = path + ".json_schema";
        unknownKeys(jp, spec, JSON_SCHEMA_KEYS, errors);
        if (!(spec.get("name") instanceof String name) || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(jp + ".name", NAME_RULE));
        }
        if (spec.get("description") != null && !(spec.get("description") instanceof String)) {
            errors.add(new FieldError(jp + ".description", "must be a string"));
        }
        if (spec.get("strict") != null && !(spec.get("strict") instanceof Boolean)) {
            errors.add(new FieldError(jp + ".strict", "must be true or false"));
        }
        if (spec.get("schema") instanceof Map<?, ?> schema) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) schema;
            errors.addAll(JsonSchemas.problems(jp + ".schema", s));
        } else {
            errors.add(new FieldError(jp + ".schema", "required: the JSON Schema (an object) the answer must match"));
        }
    }

    private static void unknownKeys(String path, Map<String, Object> map, List<String> known, List<FieldError> errors) {
        List<String> unknown = new ArrayList<>();
        for (String k : map.keySet()) if (!known.contains(k)) unknown.add(k);
        for (String k : unknown) {
            errors.add(new FieldError(path + "." + k, "unknown (" + String.join(", ", known) + ")"));
        }
    }
}
