package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.Template;
import dev.junction.engine.deployment.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A variant made ready to serve: templates parsed, models resolved to adapters and retry policies. */
final class VariantPlan {
    private record PreparedMessage(Role role, Template template) {}

    private final Variant variant;
    private final List<PreparedMessage> prompt;
    private final List<ModelOption> options;

    VariantPlan(Variant variant, List<ModelOption> options) {
        this.variant = variant;
        this.prompt = variant.messages().stream()
                .map(m -> new PreparedMessage(m.role(), Template.parse(m.content())))
                .toList();
        this.options = List.copyOf(options);
    }

    Variant variant() { return variant; }
    List<ModelOption> options() { return options; }

    /**
     * The messages sent to the model: the variant's leading system messages, the request's prefix messages,
     * the rest of the variant's prompt, then the request's messages.
     *
     * @throws InvalidInputException naming every prompt variable that has no input
     */
    List<PromptMessage> render(InvokeRequest request) {
        Map<String, Object> inputs = inputsWithDefaults(request.inputs());
        TreeSet<String> missing = new TreeSet<>();
        List<PromptMessage> out = new ArrayList<>(prompt.size() + request.prefixMessages().size() + request.messages().size());
        int i = 0;
        while (i < prompt.size() && prompt.get(i).role() == Role.SYSTEM) {
            out.add(render(prompt.get(i++), inputs, missing));
        }
        out.addAll(request.prefixMessages());
        for (; i < prompt.size(); i++) {
            out.add(render(prompt.get(i), inputs, missing));
        }
        out.addAll(request.messages());
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing.stream()
                    .map(name -> new FieldError("inputs." + name,
                            "missing: variant '" + variant.key() + "' uses {{" + name + "}} and has no default for it"))
                    .toList());
        }
        return out;
    }

    /** The variant's own prompt with the inputs and defaults filled in; variables with no value keep their placeholder. */
    List<PromptMessage> renderPrompt(Map<String, Object> requestInputs) {
        Map<String, Object> inputs = inputsWithDefaults(requestInputs);
        return prompt.stream()
                .map(m -> new PromptMessage(m.role(), m.template().renderKeepingMissing(inputs)))
                .toList();
    }

    /** The request's inputs over the variant's defaults. */
    private Map<String, Object> inputsWithDefaults(Map<String, Object> inputs) {
        Map<String, String> defaults = variant.variableDefaults();
        if (defaults.isEmpty()) return inputs;
        Map<String, Object> merged = new java.util.HashMap<>(defaults);
        inputs.forEach((k, v) -> {
            if (v != null) merged.put(k, v);
        });
        return merged;
    }

    private static PromptMessage render(PreparedMessage message, Map<String, Object> inputs, TreeSet<String> missing) {
        return new PromptMessage(message.role(), message.template().render(inputs, missing));
    }
}
