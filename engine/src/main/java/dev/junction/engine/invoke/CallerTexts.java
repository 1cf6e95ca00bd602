package dev.junction.engine.invoke;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What input guardrails read of a request: what the caller sent, in order: each text input (a string value of
 * {@code inputs}, or a string inside a list or object there), then the text of every message of the request
 * (its {@code prefixMessages} and {@code messages}, any role: a message's content, or each of its text parts).
 * The variant's own prompt is not part of it. {@link #with} puts masked texts back in the same places, so the
 * prompt is rendered again from what the guardrails left.
 */
final class CallerTexts {
    private CallerTexts() {}

    static List<String> of(InvokeRequest request) {
        List<String> out = new ArrayList<>();
        collect(request.inputs(), out);
        for (PromptMessage m : request.prefixMessages()) texts(m, out);
        for (PromptMessage m : request.messages()) texts(m, out);
        return out;
    }

    /** {@code request} with its texts replaced, in the order of {@link #of}, by {@code masked}. */
    @SuppressWarnings("unchecked")
    static InvokeRequest with(InvokeRequest request, List<String> masked) {
        Iterator<String> next = masked.iterator();
        Map<String, Object> inputs = (Map<String, Object>) replace(request.inputs(), next);
        List<PromptMessage> prefix = new ArrayList<>(request.prefixMessages().size());
        for (PromptMessage m : request.prefixMessages()) prefix.add(replace(m, next));
        List<PromptMessage> messages = new ArrayList<>(request.messages().size());
        for (PromptMessage m : request.messages()) messages.add(replace(m, next));
        return new InvokeRequest(request.key(), request.context(), inputs, prefix, messages, request.metadata(),
                request.source(), request.options(), request.apiKeyId(), request.apiKey());
    }

    private static void collect(Object value, List<String> out) {
        if (value instanceof String s) out.add(s);
        else if (value instanceof Map<?, ?> map) for (Object v : map.values()) collect(v, out);
        else if (value instanceof List<?> list) for (Object v : list) collect(v, out);
    }

    private static Object replace(Object value, Iterator<String> next) {
        if (value instanceof String) return next.next();
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(String.valueOf(e.getKey()), replace(e.getValue(), next));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object v : list) out.add(replace(v, next));
            return out;
        }
        return value;
    }

    private static void texts(PromptMessage m, List<String> out) {
        if (m.parts() == null) {
            out.add(m.content());
            return;
        }
        for (ContentPart p : m.parts()) if (p instanceof ContentPart.Text t) out.add(t.text());
    }

    private static PromptMessage replace(PromptMessage m, Iterator<String> next) {
        if (m.parts() == null) {
            String text = next.next();
            return text.equals(m.content()) ? m : m.withContent(text);
        }
        List<ContentPart> parts = new ArrayList<>(m.parts().size());
        for (ContentPart p : m.parts()) parts.add(p instanceof ContentPart.Text ? new ContentPart.Text(next.next()) : p);
        return m.withParts(parts);
    }
}
