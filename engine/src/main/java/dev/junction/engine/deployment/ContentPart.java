package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One part of a message's content, provider-neutral. A message made only of text keeps its text in
 * {@link PromptMessage#content()} and has no parts; a message with any other part lists all its parts, text included,
 * in order. In a variant's prompt, text parts may hold {@code {{variables}}}.
 * <p>Media come either inline, as a {@code data:} URI ({@code data:image/png;base64,...}), or by reference, as an
 * {@code https} URL (image) or a provider file URI (file). Whether a provider takes a kind of part, and in which of the
 * two forms, is each adapter's business: one it cannot carry is refused by name, never dropped.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContentPart.Text.class, name = "text"),
        @JsonSubTypes.Type(value = ContentPart.Image.class, name = "image"),
        @JsonSubTypes.Type(value = ContentPart.File.class, name = "file"),
        @JsonSubTypes.Type(value = ContentPart.Audio.class, name = "audio")})
public sealed interface ContentPart {

    /** The kind's name, as errors and capability checks say it: text, image, file, audio. */
    @JsonIgnore
    String kind();

    record Text(String text) implements ContentPart {
        public Text {
            text = text == null ? "" : text;
        }

        @Override
        public String kind() {
            return "text";
        }
    }

    /**
     * An image by {@code https} URL or {@code data:} URI; {@code detail} is OpenAI's {@code low|high|auto} (null:
     * the provider's default).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Image(String url, String detail) implements ContentPart {
        public Image {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String kind() {
            return "image";
        }

        /** The inline bytes when the URL is a {@code data:} URI, else null. */
        public DataUri inline() {
            return DataUri.parseOrNull(url);
        }
    }

    /**
     * A document (PDF, text...): inline as a {@code data:} URI in {@code data}, or by {@code uri} (a provider's file
     * URI or an {@code https} URL). {@code mediaType} is required with {@code uri}; with {@code data} it comes from
     * the URI. {@code filename} is passed on where a provider takes it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record File(String data, String uri, String mediaType, String filename) implements ContentPart {
        @Override
        public String kind() {
            return "file";
        }

        public DataUri inline() {
            return data == null ? null : DataUri.parseOrNull(data);
        }

        /** The media type: the data URI's, else the one given. */
        public String effectiveMediaType() {
            DataUri d = inline();
            return d != null ? d.mediaType() : mediaType;
        }
    }

    /** Audio input, base64 {@code data} in {@code format} ({@code wav}, {@code mp3}), as OpenAI's {@code input_audio}. */
    record Audio(String data, String format) implements ContentPart {
        public Audio {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String kind() {
            return "audio";
        }
    }
}
