package dev.junction.engine.provider.anthropic;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A message's parts as Messages API content blocks. Pure. What Anthropic takes:
 * <ul>
 *   <li>text: a {@code text} block (empty text is left out: Anthropic refuses empty text blocks);</li>
 *   <li>image: {@code {type: image, source: {type: base64, media_type, data}}} from a {@code data:} URI (JPEG, PNG,
 *       GIF or WebP only), {@code {type: url, url}} for an {@code http(s)} URL. OpenAI's {@code detail} has no
 *       Anthropic counterpart (Anthropic sizes images itself) and is not sent;</li>
 *   <li>file: a {@code document} block titled by the file name. Inline PDF as a base64 source; inline
 *       {@code text/*} (plain text, Markdown, CSV...) decoded as UTF-8 into Anthropic's plain-text source
 *       ({@code {type: text, media_type: text/plain, data}}); a PDF by {@code http(s)} URL as a url source. An image
 *       sent as a file becomes an image block;</li>
 * </ul>
 * Anything else is refused before sending with {@link ProviderFailure.Unsupported}, naming the part
 * ({@code messages[i].content[j]}): audio (Anthropic takes no audio input), other media types, provider file URIs
 * (Anthropic cannot read another provider's files), text files by URL.
 */
final class AnthropicContent {
    /** The image types Anthropic's base64 source takes. */
    static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    static final String PDF = "application/pdf";

    private AnthropicContent() {
    }

    /**
     * The blocks of {@code parts}, the parts of {@code messages[index]}.
     *
     * @throws ProviderException ({@link ProviderFailure.Unsupported}) for a part Anthropic cannot take
     */
    static List<AnthropicWire.Block> blocks(List<ContentPart> parts, int index) {
        List<AnthropicWire.Block> blocks = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String path = "messages[" + index + "].content[" + j + "]";
            switch (parts.get(j)) {
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) blocks.add(new AnthropicWire.TextBlock(t.text()));
                }
                case ContentPart.Image image -> blocks.add(new AnthropicWire.ImageBlock(imageSource(image.url(), path + ".url")));
                case ContentPart.File file -> blocks.add(document(file, path));
                case ContentPart.Audio audio -> throw unsupported(path + ": audio input is not supported by Anthropic");
            }
        }
        return blocks;
    }

    private static AnthropicWire.Source imageSource(String url, String path) {
        if (DataUri.looksLike(url)) {
            DataUri data = parse(url, path);
            String type = data.mediaType().equals("image/jpg") ? "image/jpeg" : data.mediaType(); // a common misspelling
            if (!IMAGE_TYPES.contains(type)) {
                throw unsupported(path + ": Anthropic takes JPEG, PNG, GIF and WebP images, not " + data.mediaType());
            }
            return AnthropicWire.Source.base64(type, data.base64());
        }
        if (isHttp(url)) return AnthropicWire.Source.url(url);
        throw unsupported(path + ": an image must be an http(s) URL or a base64 data: URI");
    }

    private static AnthropicWire.Block document(ContentPart.File file, String path) {
        String title = file.filename() == null || file.filename().isBlank() ? null : file.filename();
        if (file.data() != null) {
            DataUri data = parse(file.data(), path + ".data");
            String type = data.mediaType();
            if (type.equals(PDF)) return new AnthropicWire.DocumentBlock(AnthropicWire.Source.base64(PDF, data.base64()), title);
            if (type.startsWith("text/")) return new AnthropicWire.DocumentBlock(AnthropicWire.Source.text(utf8(data, path + ".data")), title);
            if (IMAGE_TYPES.contains(type)) return new AnthropicWire.ImageBlock(AnthropicWire.Source.base64(type, data.base64()));
            throw unsupported(path + ": Anthropic takes PDF, plain-text and image files, not " + type);
        }
        if (file.uri() != null) {
            if (!isHttp(file.uri())) {
                throw unsupported(path + ".uri: Anthropic cannot read a file by provider file URI; send it inline as a data: URI");
            }
            String type = file.mediaType() == null ? null : file.mediaType().strip().toLowerCase(Locale.ROOT);
            if (PDF.equals(type)) return new AnthropicWire.DocumentBlock(AnthropicWire.Source.url(file.uri()), title);
            if (type != null && IMAGE_TYPES.contains(type)) return new AnthropicWire.ImageBlock(AnthropicWire.Source.url(file.uri()));
            throw unsupported(path + ": Anthropic takes only PDFs and images by URL, not " + (type == null ? "a file of no media type" : type));
        }
        throw unsupported(path + ": a file part needs data or uri");
    }

    private static DataUri parse(String uri, String path) {
        try {
            return DataUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw unsupported(path + ": " + e.getMessage());
        }
    }

    private static String utf8(DataUri data, String path) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data.bytes())).toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw unsupported(path + ": a " + data.mediaType() + " file must be UTF-8 text");
        }
    }

    private static boolean isHttp(String url) {
        return url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
    }

    static ProviderException unsupported(String message) {
        return new ProviderException(new ProviderFailure.Unsupported(message));
    }
}
