package dev.junction.engine.provider.openai;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Junction's messages as chat-completions request messages (OpenAI's {@code ChatCompletionRequestMessage}), or a
 * refusal naming what OpenAI cannot take, before anything is sent.
 * <ul>
 *   <li>A text-only message: {@code content} as a string. A message with parts: an array of {@code text},
 *       {@code image_url} ({@code url}: an {@code http(s)} URL or a {@code data:image/...} URI, with {@code detail}),
 *       {@code file} ({@code file_data}: the {@code data:} URI, with a {@code filename}; or {@code file_id} when the
 *       part's {@code uri} is an OpenAI file id) and {@code input_audio} ({@code wav} or {@code mp3}) parts.</li>
 *   <li>Images, files and audio only in user messages: OpenAI takes only text parts in system, developer, assistant
 *       and tool messages.</li>
 *   <li>An assistant message with tool calls: {@code tool_calls: [{id, type: "function", function: {name,
 *       arguments}}]} and {@code content: null} when it has no text. A tool message: {@code tool_call_id} and its
 *       text.</li>
 *   <li>Reasoning blocks of earlier assistant turns are not sent: the chat-completions request has no field for
 *       them (OpenAI keeps its reasoning to itself and takes none back; DeepSeek asks clients not to send
 *       {@code reasoning_content} back).</li>
 * </ul>
 * A part OpenAI cannot take (a file by {@code https} URL, which chat completions cannot fetch; an image by another
 * scheme; audio in another format) is a {@link ProviderFailure.Unsupported} naming it by its path
 * ({@code messages[2].content[1]}), so the request goes to the fallback rather than losing the part.
 */
final class OpenAiMessages {
    /** The audio formats {@code input_audio} takes. */
    private static final List<String> AUDIO_FORMATS = List.of("wav", "mp3");

    private OpenAiMessages() {
    }

    /** @throws ProviderException with {@link ProviderFailure.Unsupported} for a part OpenAI cannot take */
    static List<OpenAiWire.RequestMessage> toWire(List<PromptMessage> messages) {
        List<OpenAiWire.RequestMessage> wire = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) wire.add(toWire(messages.get(i), "messages[" + i + "]"));
        return wire;
    }

    private static OpenAiWire.RequestMessage toWire(PromptMessage message, String path) {
        Object content = content(message, path);
        List<OpenAiWire.ToolCall> calls = null;
        if (message.role() == Role.ASSISTANT && message.hasToolCalls()) {
            calls = toolCalls(message.toolCalls(), path);
            if (message.content().isEmpty() && message.parts() == null) content = null;
        }
        String toolCallId = message.role() == Role.TOOL ? message.toolCallId() : null;
        return new OpenAiWire.RequestMessage(message.role().wireName(), content, calls, toolCallId);
    }

    /** The message's text as a string, or its parts as an array. */
    private static Object content(PromptMessage message, String path) {
        if (message.parts() == null) return message.content();
        List<OpenAiWire.ContentPart> parts = new ArrayList<>(message.parts().size());
        for (int j = 0; j < message.parts().size(); j++) {
            ContentPart part = message.parts().get(j);
            String at = path + ".content[" + j + "]";
            if (!(part instanceof ContentPart.Text) && message.role() != Role.USER) {
                throw unsupported(at, "OpenAI takes " + part.kind() + " parts only in user messages, not in a "
                        + message.role().wireName() + " message");
            }
            parts.add(switch (part) {
                case ContentPart.Text t -> OpenAiWire.ContentPart.text(t.text());
                case ContentPart.Image image -> image(image, at);
                case ContentPart.File file -> file(file, at);
                case ContentPart.Audio audio -> audio(audio, at);
            });
        }
        return parts;
    }

    private static OpenAiWire.ContentPart image(ContentPart.Image image, String at) {
        String url = image.url();
        if (DataUri.looksLike(url)) {
            DataUri data = DataUri.parseOrNull(url);
            if (data == null) throw unsupported(at, "the image's data: URI is not a base64 data URI");
            if (!data.mediaType().startsWith("image/")) {
                throw unsupported(at, "an image part holds " + data.mediaType() + ", not an image");
            }
        } else if (!isHttp(url)) {
            throw unsupported(at, "OpenAI takes an image by http(s) URL or data: URI, not " + scheme(url));
        }
        return OpenAiWire.ContentPart.image(url, image.detail());
    }

    /**
     * Inline: {@code file_data} (the data URI, as OpenAI's file-input guide sends it) and a {@code filename}, which
     * OpenAI needs with {@code file_data}: the part's, else {@code file.<extension>} from the media type. By
     * reference: an OpenAI file id ({@code file-...}) as {@code file_id}; a URL is refused (chat completions do not
     * fetch files).
     */
    private static OpenAiWire.ContentPart file(ContentPart.File file, String at) {
        if (file.data() != null) {
            DataUri data = file.inline();
            if (data == null) throw unsupported(at, "the file's data is not a base64 data: URI");
            String filename = file.filename() != null && !file.filename().isBlank() ? file.filename()
                    : "file." + extension(data.mediaType());
            return OpenAiWire.ContentPart.file(new OpenAiWire.FileRef(data.uri(), null, filename));
        }
        String uri = file.uri();
        if (uri == null || uri.isBlank()) throw unsupported(at, "the file part has neither data nor uri");
        if (uri.contains("://") || uri.regionMatches(true, 0, "data:", 0, 5)) {
            throw unsupported(at, "OpenAI's chat completions take a file inline (a data: URI) or by OpenAI file id,"
                    + " not by URL (" + scheme(uri) + ")");
        }
        return OpenAiWire.ContentPart.file(new OpenAiWire.FileRef(null, uri, file.filename()));
    }

    /** {@code data} as base64 (a {@code data:} URI is taken apart), {@code format} {@code wav} or {@code mp3}. */
    private static OpenAiWire.ContentPart audio(ContentPart.Audio audio, String at) {
        String format = audio.format().strip().toLowerCase(Locale.ROOT);
        if (!AUDIO_FORMATS.contains(format)) {
            throw unsupported(at, "OpenAI takes audio as wav or mp3, not " + audio.format());
        }
        String data = audio.data();
        if (DataUri.looksLike(data)) {
            DataUri uri = DataUri.parseOrNull(data);
            if (uri == null) throw unsupported(at, "the audio's data: URI is not a base64 data URI");
            data = uri.base64();
        }
        return OpenAiWire.ContentPart.audio(data, format);
    }

    private static List<OpenAiWire.ToolCall> toolCalls(List<ToolCall> calls, String path) {
        List<OpenAiWire.ToolCall> wire = new ArrayList<>(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            ToolCall call = calls.get(k);
            if (call.id() == null || call.id().isBlank()) {
                throw unsupported(path + ".tool_calls[" + k + "].id",
                        "OpenAI needs every tool call's id (its tool message names it)");
            }
            wire.add(new OpenAiWire.ToolCall(null, call.id(), "function",
                    new OpenAiWire.FunctionCall(call.name(), call.arguments())));
        }
        return wire;
    }

    private static String extension(String mediaType) {
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1);
        return switch (subtype) {
            case "plain" -> "txt";
            case "markdown" -> "md";
            default -> subtype;
        };
    }

    private static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon > 0 ? "a " + uri.substring(0, colon) + ": URI" : "'" + uri + "'";
    }

    private static ProviderException unsupported(String path, String why) {
        return new ProviderException(new ProviderFailure.Unsupported(path + ": " + why));
    }
}
