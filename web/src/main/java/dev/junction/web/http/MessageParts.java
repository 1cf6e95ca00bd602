package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import java.util.Locale;
import java.util.Set;

/**
 * One content part of a message as both front doors send it (OpenAI's chat completions and Orquesta's request
 * messages, reference section 3.1), read into a {@link ContentPart}:
 * <ul>
 *   <li>{@code {type: "text", text}};</li>
 *   <li>{@code {type: "image_url", image_url: {url, detail?}}}: an {@code http(s)} URL or a base64 {@code data:}
 *       URI; {@code detail} is {@code low|high|auto};</li>
 *   <li>{@code {type: "file", file: {file_data?, uri?, mimeType?, filename?}}}: {@code file_data} a base64
 *       {@code data:} URI (OpenAI and Orquesta), or {@code uri} with its {@code mimeType} (Orquesta). OpenAI's
 *       {@code file_id} names a file in OpenAI's own file store, which no other provider can read: a 400;</li>
 *   <li>{@code {type: "input_audio", input_audio: {data, format}}}: base64 audio, {@code wav} or {@code mp3}.</li>
 * </ul>
 * Inline media are checked here: base64, and at most {@value #MAX_PART_BYTES} bytes decoded per part (14 MiB), besides
 * the request body limit (32 MiB by default). 14 MiB is the largest part whose base64 text stays under the JSON
 * reader's bound on one string (20 million characters), so that a part too large is told by its path rather than as
 * malformed JSON; providers have lower limits of their own (Anthropic 5 MB per image), which their adapters tell. Orquesta's
 * {@code cache_control} hint is accepted and not passed on (it changes the bill, not the answer).
 */
final class MessageParts {
    /** The largest inline medium, decoded, per part. */
    static final long MAX_PART_BYTES = 14L * 1024 * 1024;
    private static final Set<String> DETAILS = Set.of("low", "high", "auto");
    private static final Set<String> AUDIO_FORMATS = Set.of("wav", "mp3");

    private MessageParts() {}

    /** The part at {@code path} ({@code messages[3].content[1]}); {@code allowed} names the types this role may send. */
    static ContentPart read(JsonNode part, String path, Set<String> allowed, String role) {
        if (!part.isObject()) throw ApiError.badRequest(path, "must be a content part object");
        JsonNode typeNode = part.get("type");
        if (typeNode == null || !typeNode.isTextual()) throw ApiError.badRequest(path + ".type", "required: the part's type");
        String type = typeNode.asText();
        if (!allowed.contains(type)) {
            throw ApiError.badRequest(path + ".type", "'" + type + "' parts are not taken in a " + role + " message (it takes "
                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
        return switch (type) {
            case "text" -> new ContentPart.Text(string(part, "text", path, true));
            case "image_url" -> image(member(part, "image_url", path), path + ".image_url");
            case "file" -> file(member(part, "file", path), path + ".file");
            case "input_audio" -> audio(member(part, "input_audio", path), path + ".input_audio");
            default -> throw new IllegalStateException("unhandled part type " + type);
        };
    }

    private static ContentPart image(JsonNode image, String path) {
        String url = string(image, "url", path, true);
        if (DataUri.looksLike(url)) {
            inline(url, path + ".url");
        } else {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                throw ApiError.badRequest(path + ".url", "must be an http(s) URL or a base64 data: URI (data:image/png;base64,...)");
            }
        }
        String detail = string(image, "detail", path, false);
        if (detail != null && !DETAILS.contains(detail)) throw ApiError.badRequest(path + ".detail", "must be low, high or auto");
        return new ContentPart.Image(url, detail);
    }

    private static ContentPart file(JsonNode file, String path) {
        if (file.hasNonNull("file_id")) {
            throw ApiError.badRequest(path + ".file_id", "a provider's file id is not supported (only that provider could "
                    + "read it): send the file inline as file_data (a base64 data: URI), or by uri with its mimeType");
        }
        String data = string(file, "file_data", path, false);
        String uri = string(file, "uri", path, false);
        String mimeType = string(file, "mimeType", path, false);
        String filename = string(file, "filename", path, false);
        if (data == null && uri == null) {
            throw ApiError.badRequest(path + ".file_data", "required: the file as a base64 data: URI (or uri with mimeType)");
        }
        if (data != null && uri != null) throw ApiError.badRequest(path + ".uri", "give file_data or uri, not both");
        if (data != null) {
            DataUri d = inline(data, path + ".file_data");
            if (mimeType != null && !mimeType.equalsIgnoreCase(d.mediaType())) {
                throw ApiError.badRequest(path + ".mimeType", "differs from the data: URI's media type (" + d.mediaType() + ")");
            }
            return new ContentPart.File(data, null, null, filename);
        }
        if (mimeType == null || mimeType.indexOf('/') <= 0) {
            throw ApiError.badRequest(path + ".mimeType", "required with uri: the file's media type (application/pdf)");
        }
        return new ContentPart.File(null, uri, mimeType.toLowerCase(Locale.ROOT), filename);
    }

    private static ContentPart audio(JsonNode audio, String path) {
        String data = string(audio, "data", path, true);
        String format = string(audio, "format", path, true);
        if (!AUDIO_FORMATS.contains(format)) throw ApiError.badRequest(path + ".format", "must be wav or mp3");
        if (DataUri.looksLike(data)) throw ApiError.badRequest(path + ".data", "must be bare base64, not a data: URI");
        inline("data:audio/" + format + ";base64," + data, path + ".data");
        return new ContentPart.Audio(data, format);
    }

    /** A base64 data URI of at most {@link #MAX_PART_BYTES}, else a 400 naming {@code path}. */
    private static DataUri inline(String text, String path) {
        DataUri d;
        try {
            d = DataUri.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(path, e.getMessage());
        }
        if (d.size() > MAX_PART_BYTES) {
            throw ApiError.badRequest(path, "too large: " + d.size() + " bytes decoded, at most " + MAX_PART_BYTES
                    + " (14 MiB) per part");
        }
        return d;
    }

    private static JsonNode member(JsonNode part, String name, String path) {
        JsonNode n = part.get(name);
        if (n == null || !n.isObject()) throw ApiError.badRequest(path + "." + name, "required: an object");
        return n;
    }

    /** The string member {@code name} of {@code o}; a 400 naming it when it is not a string, or missing and required. */
    static String string(JsonNode o, String name, String path, boolean required) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            if (required) throw ApiError.badRequest(path + "." + name, "required: a string");
            return null;
        }
        if (!n.isTextual()) throw ApiError.badRequest(path + "." + name, JsonBody.NOT_A_STRING);
        return n.asText();
    }
}
