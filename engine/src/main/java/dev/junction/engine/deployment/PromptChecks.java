package dev.junction.engine.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of a conversation's messages beyond their text: each content part (an image by {@code https} URL or a
 * base64 {@code data:} URI of an image type, a file inline or by URI, audio as base64 of a known format), the tool
 * calls of assistant messages (an id, a declared name, arguments that are a JSON object) and the tool results (a
 * {@code toolCallId} that an earlier call in the same messages has). Used for a variant's prompt by
 * {@link SpecValidator}; {@link #messages} and {@link #part} are public for other front doors' messages.
 * <p>Inline media are at most {@value #MAX_INLINE_BYTES} bytes each once decoded (20 MiB: OpenAI's and Gemini's
 * limit for one inline image or request part; Anthropic takes less, and its adapter says so by name).
 */
public final class PromptChecks {
    public static final long MAX_INLINE_BYTES = 20L * 1024 * 1024;
    public static final int MAX_URL_CHARS = 8192;
    private static final List<String> DETAILS = List.of("low", "high", "auto");
    private static final List<String> AUDIO_FORMATS = List.of("wav", "mp3");
    private static final ObjectMapper JSON = Jackson.mapper().build();

    private PromptChecks() {}

    /** Every problem of {@code messages}, each named under {@code path}: {@code path[1].parts[0].url}. */
    public static void messages(String path, List<PromptMessage> messages, List<FieldError> errors) {
        Set<String> callIds = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage m = messages.get(i);
            String mp = path + "[" + i + "]";
            if (m == null) continue; // the caller reports a null message
            if (m.parts() != null) {
                for (int j = 0; j < m.parts().size(); j++) part(mp + ".parts[" + j + "]", m.parts().get(j), errors);
            }
            if (m.toolCalls() != null) {
                if (m.role() != Role.ASSISTANT) errors.add(new FieldError(mp + ".toolCalls", "only on an assistant message"));
                for (int j = 0; j < m.toolCalls().size(); j++) {
                    toolCall(mp + ".toolCalls[" + j + "]", m.toolCalls().get(j), callIds, errors);
                }
            }
            if (m.role() == Role.TOOL) {
                if (m.toolCallId() == null || m.toolCallId().isBlank()) {
                    errors.add(new FieldError(mp + ".toolCallId", "required on a tool message: the id of the call it answers"));
                } else if (!callIds.contains(m.toolCallId())) {
                    errors.add(new FieldError(mp + ".toolCallId", "no earlier tool call has id '" + m.toolCallId() + "'"));
                }
            } else if (m.toolCallId() != null) {
                errors.add(new FieldError(mp + ".toolCallId", "only on a tool message"));
            }
        }
    }

    /** Every problem of one content part, named under {@code path}: {@code path.url}, {@code path.data}... */
    public static void part(String path, ContentPart part, List<FieldError> errors) {
        switch (part) {
            case null -> errors.add(new FieldError(path, "must not be null"));
            case ContentPart.Text t -> { }
            case ContentPart.Image image -> {
                if (DataUri.looksLike(image.url())) {
                    DataUri d = inline(path + ".url", image.url(), errors);
                    if (d != null && !d.mediaType().startsWith("image/")) {
                        errors.add(new FieldError(path + ".url", "an image's media type is image/...; this one is " + d.mediaType()));
                    }
                } else {
                    https(path + ".url", image.url(), "an image is an https URL or a data:image/...;base64, URI", errors);
                }
                if (image.detail() != null && !DETAILS.contains(image.detail())) {
                    errors.add(new FieldError(path + ".detail", "must be one of " + String.join(", ", DETAILS)));
                }
            }
            case ContentPart.File file -> {
                if ((file.data() == null) == (file.uri() == null)) {
                    errors.add(new FieldError(path, "a file has either data (a data: URI) or uri, not both nor neither"));
                } else if (file.data() != null) {
                    inline(path + ".data", file.data(), errors);
                } else {
                    if (file.uri().isBlank() || file.uri().length() > MAX_URL_CHARS || file.uri().chars().anyMatch(Character::isWhitespace)) {
                        errors.add(new FieldError(path + ".uri", "a provider's file URI or an https URL, without spaces, at most "
                                + MAX_URL_CHARS + " characters"));
                    } else if (file.uri().regionMatches(true, 0, "http:", 0, 5)) {
                        errors.add(new FieldError(path + ".uri", "https only"));
                    }
                    if (file.mediaType() == null || !file.mediaType().matches("[\\w.+-]+/[\\w.+-]+")) {
                        errors.add(new FieldError(path + ".mediaType", "required with uri: the media type, such as application/pdf"));
                    }
                }
            }
            case ContentPart.Audio audio -> {
                if (!AUDIO_FORMATS.contains(audio.format().toLowerCase(Locale.ROOT))) {
                    errors.add(new FieldError(path + ".format", "must be one of " + String.join(", ", AUDIO_FORMATS)));
                }
                DataUri d = DataUri.parseOrNull("data:audio/" + audio.format() + ";base64," + audio.data());
                if (d == null) errors.add(new FieldError(path + ".data", "must be base64"));
                else if (d.size() > MAX_INLINE_BYTES) errors.add(tooLarge(path + ".data", d));
            }
        }
    }

    private static DataUri inline(String path, String uri, List<FieldError> errors) {
        DataUri d;
        try {
            d = DataUri.parse(uri);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
            return null;
        }
        if (d.size() > MAX_INLINE_BYTES) {
            errors.add(tooLarge(path, d));
            return null;
        }
        return d;
    }

    private static FieldError tooLarge(String path, DataUri d) {
        return new FieldError(path, "at most " + MAX_INLINE_BYTES + " bytes inline (this one: " + d.size() + ")");
    }

    private static void https(String path, String url, String rule, List<FieldError> errors) {
        try {
            URI u = new URI(url);
            if (url.length() <= MAX_URL_CHARS && "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null) return;
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(new FieldError(path, rule));
    }

    private static void toolCall(String path, ToolCall call, Set<String> ids, List<FieldError> errors) {
        if (call == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        if (call.id() == null || call.id().isBlank()) {
            errors.add(new FieldError(path + ".id", "required: a tool result names its call by it"));
        } else if (!ids.add(call.id())) {
            errors.add(new FieldError(path + ".id", "'" + call.id() + "' is used by another tool call"));
        }
        if (!ParameterChecks.NAME.matcher(call.name()).matches()) {
            errors.add(new FieldError(path + ".name", ParameterChecks.NAME_RULE));
        }
        try {
            JsonNode args = JSON.readTree(call.arguments());
            if (args == null || !args.isObject()) errors.add(new FieldError(path + ".arguments", "must be a JSON object"));
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(path + ".arguments", "not JSON: " + e.getOriginalMessage()));
        }
    }
}
