package dev.junction.engine.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text with {@code {{variable}}} placeholders, parsed once (when a version is activated) and
 * rendered per request. Variable names are letters, digits, {@code _}, {@code -} and {@code .};
 * spaces inside the braces are allowed. Strings are inserted as they are, other JSON values as JSON.
 */
public final class Template {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");
    private static final ObjectMapper JSON = Jackson.mapper().build();

    private final List<Object> parts; // String literal or Variable
    private final Set<String> variables;

    private record Variable(String name, String placeholder) {}

    private Template(List<Object> parts, Set<String> variables) {
        this.parts = parts;
        this.variables = variables;
    }

    public static Template parse(String text) {
        List<Object> parts = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) parts.add(text.substring(last, m.start()));
            parts.add(new Variable(m.group(1), m.group()));
            variables.add(m.group(1));
            last = m.end();
        }
        if (last < text.length()) parts.add(text.substring(last));
        return new Template(List.copyOf(parts), java.util.Collections.unmodifiableSet(variables));
    }

    /**
     * The variables a prompt message uses, in order of first appearance: those of its text, or for a message of parts,
     * part by part, those of its text parts, its images' URLs and its files' URIs, which are templates too (see
     * {@code VariantPlan}). A file's inline {@code data} and an audio part are not templates.
     */
    public static Set<String> variablesOf(PromptMessage message) {
        if (message.parts() == null) return parse(message.content()).variables();
        Set<String> out = new LinkedHashSet<>();
        for (ContentPart part : message.parts()) {
            switch (part) {
                case ContentPart.Text t -> out.addAll(parse(t.text()).variables());
                case ContentPart.Image i -> out.addAll(parse(i.url()).variables());
                case ContentPart.File f -> { if (f.uri() != null) out.addAll(parse(f.uri()).variables()); }
                case ContentPart.Audio a -> { }
            }
        }
        return out;
    }

    /** The variables this text uses, in order of first appearance. */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Fills the placeholders from {@code inputs}. Names with no input are added to {@code missing}
     * and left out of the text.
     */
    public String render(Map<String, Object> inputs, Set<String> missing) {
        if (variables.isEmpty()) return parts.isEmpty() ? "" : (String) parts.getFirst();
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Variable v) {
                if (!inputs.containsKey(v.name()) || inputs.get(v.name()) == null) {
                    missing.add(v.name());
                } else {
                    out.append(text(inputs.get(v.name())));
                }
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /**
     * Fills the placeholders that have an input and leaves the others as they were written
     * ({@code {{name}}}): what a prompt looks like before every value is known.
     */
    public String renderKeepingMissing(Map<String, Object> inputs) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Variable v) {
                Object value = inputs.get(v.name());
                out.append(value == null ? v.placeholder() : text(value));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static String text(Object value) {
        if (value instanceof String s) return s;
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
