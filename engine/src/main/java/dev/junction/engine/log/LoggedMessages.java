package dev.junction.engine.log;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages of a request as the log keeps them (the {@code messages} column): JSON-ready maps in the form of
 * {@link PromptMessage}'s JSON ({@code role}, {@code content}, then {@code parts}, {@code toolCalls},
 * {@code toolCallId}, {@code reasoning} when present), so a text-only message is written as it always was. Made on
 * the log writer's thread (hashing a large image takes milliseconds).
 *
 * <p>Media are kept by reference, never their bytes:
 * <ul>
 *   <li>an inline image ({@code data:} URI): {@code {"type": "image", "mediaType", "bytes", "sha256", "detail"?,
 *       "thumbnail"?}}, where {@code thumbnail} is a ≤96 px JPEG data URI ({@link Thumbnails}) made for at most
 *       {@link #MAX_THUMBNAILS} images of a request and only when it fits the log's text bound whole;</li>
 *   <li>an image by {@code https} URL: kept as the URL (it is a reference already);</li>
 *   <li>a file: {@code {"type": "file", "mediaType", "filename"?, "bytes", "sha256"}} inline, or its {@code uri}
 *       with {@code mediaType} and {@code filename};</li>
 *   <li>audio: {@code {"type": "audio", "format", "bytes", "sha256"}}.</li>
 * </ul>
 * {@code sha256} is {@code sha256:<hex>} of the decoded bytes (of the URI's text when it is not valid base64, which
 * validation refuses before a call, so only a log of a refused request may hold one). Tool calls keep id, name and
 * arguments (their provider signatures, opaque tokens only needed to send the turn back, are left out); reasoning
 * blocks keep their text, a redacted one only {@code "redacted": true}.
 */
public final class LoggedMessages {
    /** At most this many images of one request get a thumbnail. */
    public static final int MAX_THUMBNAILS = 8;

    private final int textMaxBytes;
    private int thumbnails;

    private LoggedMessages(int textMaxBytes) {
        this.textMaxBytes = textMaxBytes;
    }

    /**
     * @param textMaxBytes the log's bound on one text (0: none); a thumbnail longer than it is not kept, so the
     *                     bound never cuts one into an unreadable image
     */
    public static List<Map<String, Object>> of(List<PromptMessage> messages, int textMaxBytes) {
        if (messages == null) return null;
        LoggedMessages logged = new LoggedMessages(textMaxBytes);
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (PromptMessage m : messages) out.add(logged.message(m));
        return out;
    }

    private Map<String, Object> message(PromptMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", m.role().wireName());
        out.put("content", m.content());
        if (m.parts() != null) {
            List<Map<String, Object>> parts = new ArrayList<>(m.parts().size());
            for (ContentPart p : m.parts()) parts.add(part(p));
            out.put("parts", parts);
        }
        if (m.toolCalls() != null) {
            List<Map<String, Object>> calls = new ArrayList<>(m.toolCalls().size());
            for (ToolCall c : m.toolCalls()) {
                Map<String, Object> call = new LinkedHashMap<>();
                if (c.id() != null) call.put("id", c.id());
                call.put("name", c.name());
                call.put("arguments", c.arguments());
                calls.add(call);
            }
            out.put("toolCalls", calls);
        }
        if (m.toolCallId() != null) out.put("toolCallId", m.toolCallId());
        if (m.reasoning() != null) {
            List<Map<String, Object>> blocks = new ArrayList<>(m.reasoning().size());
            for (Reasoning r : m.reasoning()) {
                Map<String, Object> block = new LinkedHashMap<>();
                if (r.text() != null) block.put("text", r.text());
                if (r.redacted() != null) block.put("redacted", true);
                blocks.add(block);
            }
            out.put("reasoning", blocks);
        }
        return out;
    }

    private Map<String, Object> part(ContentPart p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", p.kind());
        switch (p) {
            case ContentPart.Text t -> out.put("text", t.text());
            case ContentPart.Image i -> {
                if (DataUri.looksLike(i.url())) {
                    DataUri d = DataUri.parseOrNull(i.url());
                    reference(out, d, i.url());
                    if (i.detail() != null) out.put("detail", i.detail());
                    String thumbnail = d == null || thumbnails >= MAX_THUMBNAILS ? null : Thumbnails.of(d);
                    if (thumbnail != null && (textMaxBytes == 0 || thumbnail.length() <= textMaxBytes)) {
                        thumbnails++;
                        out.put("thumbnail", thumbnail);
                    }
                } else {
                    out.put("url", i.url());
                    if (i.detail() != null) out.put("detail", i.detail());
                }
            }
            case ContentPart.File f -> {
                if (f.data() != null) {
                    DataUri d = DataUri.parseOrNull(f.data());
                    reference(out, d, f.data());
                    if (d == null && f.mediaType() != null) out.put("mediaType", f.mediaType());
                } else {
                    if (f.uri() != null) out.put("uri", f.uri());
                    if (f.mediaType() != null) out.put("mediaType", f.mediaType());
                }
                if (f.filename() != null) out.put("filename", f.filename());
            }
            case ContentPart.Audio a -> {
                out.put("format", a.format());
                DataUri d = DataUri.parseOrNull("data:audio/" + a.format().toLowerCase(Locale.ROOT) + ";base64," + a.data());
                if (d != null) {
                    out.put("bytes", d.size());
                    out.put("sha256", d.sha256());
                } else {
                    out.put("sha256", textSha256(a.data()));
                }
            }
        }
        return out;
    }

    /** Media type, decoded size and hash of inline media; the text's hash when it is not a valid data URI. */
    private static void reference(Map<String, Object> out, DataUri d, String text) {
        if (d != null) {
            out.put("mediaType", d.mediaType());
            out.put("bytes", d.size());
            out.put("sha256", d.sha256());
        } else {
            out.put("sha256", textSha256(text));
        }
    }

    private static String textSha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
