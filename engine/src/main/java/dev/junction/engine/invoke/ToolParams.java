package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tool parameters of a request in OpenAI's wire form, read for {@link ExtraParams} (both front doors):
 * {@code tools: [{type: "function", function: {name, description?, parameters?, strict?}}]} and
 * {@code tool_choice: "auto" | "none" | "required" | {type: "function", function: {name}}}; and the check, once the
 * request is routed, of the request's tools against the variant's ({@link #againstVariant}).
 */
final class ToolParams {
    private ToolParams() {}

    @SuppressWarnings("unchecked")
    static List<ToolSpec> tools(String path, Object v, List<FieldError> errors) {
        if (!(v instanceof List<?> list)) {
            errors.add(new FieldError(path, "must be an array of {type: \"function\", function: {name, description, parameters, strict}}"));
            return null;
        }
        List<ToolSpec> tools = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String tp = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> tool)) {
                errors.add(new FieldError(tp, "must be an object {type: \"function\", function: {...}}"));
                continue;
            }
            if (!"function".equals(tool.get("type"))) errors.add(new FieldError(tp + ".type", "must be \"function\""));
            if (!(tool.get("function") instanceof Map<?, ?> f)) {
                errors.add(new FieldError(tp + ".function", "required: {name, description, parameters, strict}"));
                continue;
            }
            String fp = tp + ".function";
            if (!(f.get("name") instanceof String name) || name.isBlank()) {
                errors.add(new FieldError(fp + ".name", "required: the function's name"));
                continue;
            }
            if (!names.add(name)) errors.add(new FieldError(fp + ".name", "'" + name + "' is the name of another tool"));
            Object description = f.get("description");
            if (description != null && !(description instanceof String)) errors.add(new FieldError(fp + ".description", "must be a string"));
            Object parameters = f.get("parameters");
            if (parameters != null && !(parameters instanceof Map)) errors.add(new FieldError(fp + ".parameters", "must be a JSON Schema object"));
            Object strict = f.get("strict");
            if (strict != null && !(strict instanceof Boolean)) errors.add(new FieldError(fp + ".strict", "must be true or false"));
            tools.add(new ToolSpec(name, description instanceof String s ? s : null,
                    parameters instanceof Map<?, ?> m ? (Map<String, Object>) m : null, strict instanceof Boolean b ? b : null));
        }
        return tools;
    }

    static ToolChoice choice(String path, Object v, List<FieldError> errors) {
        if (v instanceof String s) {
            if (List.of("auto", "none", "required").contains(s)) return new ToolChoice(s, null);
            errors.add(new FieldError(path, "must be auto, none, required or {type: \"function\", function: {name}}"));
            return null;
        }
        if (v instanceof Map<?, ?> m && "function".equals(m.get("type")) && m.get("function") instanceof Map<?, ?> f
                && f.get("name") instanceof String name && !name.isBlank()) {
            return ToolChoice.function(name);
        }
        errors.add(new FieldError(path, "must be auto, none, required or {type: \"function\", function: {name}}"));
        return null;
    }

    /**
     * Errors of a request's overrides against one of the variant's models (paths under {@code field}): a request tool
     * named like a tool of the variant ({@code extra_params.tools[1].function.name}; the request's tools are added to
     * the variant's, never in place of one), a {@code tool_choice} naming a tool that neither has
     * ({@code extra_params.tool_choice.function.name}), {@code required} with no tools at all.
     */
    static List<FieldError> againstVariant(String field, ModelParameters variant, ModelParameters overrides) {
        List<FieldError> errors = new ArrayList<>();
        if (overrides.tools() != null) {
            for (int i = 0; i < overrides.tools().size(); i++) {
                String name = overrides.tools().get(i).name();
                if (variant.tool(name) != null) {
                    errors.add(new FieldError(field + ".tools[" + i + "].function.name", "'" + name
                            + "' is a tool of the deployment's variant already: a request adds tools, it cannot replace one"));
                }
            }
        }
        ToolChoice choice = overrides.toolChoice();
        if (choice == null) return errors;
        ModelParameters merged = variant.overriddenBy(overrides);
        boolean hasTools = merged.tools() != null && !merged.tools().isEmpty();
        if (choice.forcesOne() && merged.tool(choice.name()) == null) {
            errors.add(new FieldError(field + ".tool_choice.function.name", "no tool named '" + choice.name()
                    + "' in the request or the variant (tools: " + (hasTools
                    ? String.join(", ", merged.tools().stream().map(ToolSpec::name).toList()) : "none") + ")"));
        } else if ("required".equals(choice.mode()) && !hasTools) {
            errors.add(new FieldError(field + ".tool_choice", "'required' needs tools, and neither the request nor the variant has any"));
        }
        return errors;
    }
}
