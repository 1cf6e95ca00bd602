package dev.junction.engine.invoke;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.Template;
import dev.junction.engine.deployment.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A variant made ready to serve: templates parsed, models resolved to adapters and retry policies.
 * <p>A prompt message of parts keeps its parts: text parts are templates; an image's {@code url} and a file's
 * {@code uri} are templates too ({@code https://cdn.example.com/{{sku}}.png}, or {@code {{photo}}} filled with a URL or
 * a data URI from the inputs), and what they render to is checked: an image URL must be an {@code http(s)} URL or a
 * well-formed base64 {@code data:} URI, a file URI must not be empty, else the request is refused naming the input.
 * A file's inline {@code data} and audio parts are sent as written. Tool calls, tool results and reasoning of a prompt
 * message (a few-shot tool exchange) are kept.
 */
final class VariantPlan {
    /** A prompt message: its text as a template when it has no parts, else its parts, each with its template or none. */
    private record PreparedMessage(PromptMessage source, Template text, List<PreparedPart> parts) {
        Role role() {
            return source.role();
        }
    }

    /** A part and the template of its text, URL or URI; null when nothing of it is a template. */
    private record PreparedPart(ContentPart part, Template template) {}

    private final Variant variant;
    private final List<PreparedMessage> prompt;
    private final List<ModelOption> options;

    VariantPlan(Variant variant, List<ModelOption> options) {
        this.variant = variant;
        this.prompt = variant.messages().stream().map(VariantPlan::prepare).toList();
        this.options = List.copyOf(options);
    }

    private static PreparedMessage prepare(PromptMessage m) {
        if (m.parts() == null) return new PreparedMessage(m, Template.parse(m.content()), null);
        List<PreparedPart> parts = new ArrayList<>(m.parts().size());
        for (ContentPart p : m.parts()) {
            Template template = switch (p) {
                case ContentPart.Text t -> Template.parse(t.text());
                case ContentPart.Image i -> Template.parse(i.url());
                case ContentPart.File f -> f.uri() == null ? null : Template.parse(f.uri());
                case ContentPart.Audio a -> null;
            };
            parts.add(new PreparedPart(p, template == null || template.variables().isEmpty() ? null : template));
        }
        return new PreparedMessage(m, null, List.copyOf(parts));
    }

    Variant variant() { return variant; }
    List<ModelOption> options() { return options; }

    /**
     * The messages sent to the model: the variant's leading system messages, the request's prefix messages,
     * the rest of the variant's prompt, then the request's messages.
     *
     * @throws InvalidInputException naming every prompt variable that has no input, and every input that made an
     *                               image URL or file URI that is not one
     */
    List<PromptMessage> render(InvokeRequest request) {
        Map<String, Object> inputs = inputsWithDefaults(request.inputs());
        TreeSet<String> missing = new TreeSet<>();
        Map<String, String> bad = new TreeMap<>();
        List<PromptMessage> out = new ArrayList<>(prompt.size() + request.prefixMessages().size() + request.messages().size());
        int i = 0;
        while (i < prompt.size() && prompt.get(i).role() == Role.SYSTEM) {
            out.add(render(prompt.get(i++), inputs, missing, bad));
        }
        out.addAll(request.prefixMessages());
        for (; i < prompt.size(); i++) {
            out.add(render(prompt.get(i), inputs, missing, bad));
        }
        out.addAll(request.messages());
        if (!missing.isEmpty() || !bad.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (String name : missing) {
                errors.add(new FieldError("inputs." + name,
                        "missing: variant '" + variant.key() + "' uses {{" + name + "}} and has no default for it"));
            }
            bad.forEach((name, why) -> { if (!missing.contains(name)) errors.add(new FieldError("inputs." + name, why)); });
            throw new InvalidInputException(errors);
        }
        return out;
    }

    /**
     * How many leading messages of {@link #render}'s list are the variant's own prompt, before any message of the
     * caller: the fixed prefix a provider's prompt cache can keep ({@link dev.junction.engine.provider.PromptCache}).
     * Without prefix messages it is the whole prompt (the caller's messages come after it); with them, only the
     * variant's leading system messages (the prefix messages come next, and the rest of the prompt after them varies
     * with them). Template messages count as written: one with {@code {{variables}}} is part of the prefix, which
     * then only hits the provider's cache when the rendered text repeats.
     */
    int cachePrefix(InvokeRequest request) {
        if (request.prefixMessages().isEmpty()) return prompt.size();
        int i = 0;
        while (i < prompt.size() && prompt.get(i).role() == Role.SYSTEM) i++;
        return i;
    }

    /** The variant's own prompt with the inputs and defaults filled in; variables with no value keep their placeholder. */
    List<PromptMessage> renderPrompt(Map<String, Object> requestInputs) {
        Map<String, Object> inputs = inputsWithDefaults(requestInputs);
        List<PromptMessage> out = new ArrayList<>(prompt.size());
        for (PreparedMessage m : prompt) {
            if (m.parts() == null) {
                out.add(withText(m.source(), m.text().renderKeepingMissing(inputs)));
                continue;
            }
            List<ContentPart> parts = new ArrayList<>(m.parts().size());
            for (PreparedPart p : m.parts()) {
                parts.add(p.template() == null ? p.part() : filled(p.part(), p.template().renderKeepingMissing(inputs)));
            }
            out.add(m.source().withParts(parts));
        }
        return out;
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

    private PromptMessage render(PreparedMessage m, Map<String, Object> inputs, TreeSet<String> missing, Map<String, String> bad) {
        if (m.parts() == null) {
            if (m.text().variables().isEmpty()) return m.source(); // nothing to fill: the message as written
            return withText(m.source(), m.text().render(inputs, missing));
        }
        List<ContentPart> parts = new ArrayList<>(m.parts().size());
        for (PreparedPart p : m.parts()) {
            if (p.template() == null) {
                parts.add(p.part());
                continue;
            }
            int before = missing.size();
            String rendered = p.template().render(inputs, missing);
            if (missing.size() == before) check(p, rendered, bad);
            parts.add(filled(p.part(), rendered));
        }
        return m.source().withParts(parts);
    }

    /** An image URL must be an http(s) URL or a base64 data URI, a file URI not empty; else the input is named. */
    private void check(PreparedPart p, String rendered, Map<String, String> bad) {
        String problem = null;
        if (p.part() instanceof ContentPart.Image) {
            if (DataUri.looksLike(rendered)) {
                try {
                    DataUri.parse(rendered);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            } else {
                String lower = rendered.strip().toLowerCase(Locale.ROOT);
                if (!lower.startsWith("https://") && !lower.startsWith("http://")) problem = "not an http(s) URL or a data: URI";
            }
        } else if (p.part() instanceof ContentPart.File && rendered.isBlank()) {
            problem = "empty";
        }
        if (problem == null) return;
        String what = p.part() instanceof ContentPart.Image ? "an image URL" : "a file URI";
        for (String name : p.template().variables()) {
            bad.putIfAbsent(name, "variant '" + variant.key() + "' puts {{" + name + "}} in " + what + ", which became "
                    + describe(rendered) + ": " + problem);
        }
    }

    private static String describe(String value) {
        return value.length() > 60 ? "'" + value.substring(0, 60) + "...'" : "'" + value + "'";
    }

    /** The part with its text, URL or URI replaced. */
    private static ContentPart filled(ContentPart part, String value) {
        return switch (part) {
            case ContentPart.Text t -> new ContentPart.Text(value);
            case ContentPart.Image i -> new ContentPart.Image(value, i.detail());
            case ContentPart.File f -> new ContentPart.File(f.data(), value, f.mediaType(), f.filename());
            case ContentPart.Audio a -> a;
        };
    }

    /** A text-only message with other text, its tool calls, tool call id and reasoning kept. */
    private static PromptMessage withText(PromptMessage source, String text) {
        return source.withContent(text);
    }
}
