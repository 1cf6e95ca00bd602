package dev.junction.engine.provider;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.PromptMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documented estimates of token counts, for models without an exact tokenizer and for media.
 * <p><b>Text</b>: one token per four characters, rounded up, plus four tokens of framing per message (the rule of thumb
 * OpenAI documents for English text).
 * <p><b>Images</b>, by the rule of the model's vendor ({@link MediaRule#of}, from the model's name):
 * <ul>
 *   <li>OpenAI (and any model not named {@code claude*} or {@code gemini*}), the tile formula: {@code detail: low} is
 *       85 tokens; otherwise the image is scaled down to fit 2048x2048, then down so its shortest side is at most
 *       768, and costs 85 + 170 per 512-pixel tile. Images are only ever scaled down. An image whose size is unknown
 *       (an {@code https} URL, or bytes whose header is not PNG, JPEG, GIF or WebP) counts as the most a high-detail
 *       image can cost: 1445 (768x2048, 8 tiles). Some OpenAI models (gpt-4o-mini, the o-series, gpt-4.1-mini/nano)
 *       bill images with other multipliers; the tile count is what they take of the context window, an estimate.</li>
 *   <li>Anthropic ({@code claude*}): scaled down so the long edge is at most 1568 pixels, then width x height / 750,
 *       at most 1600 (Anthropic scales larger images down to about that); unknown size: 1600.</li>
 *   <li>Gemini ({@code gemini*}): 258 when both sides are at most 384 pixels, else 258 per 768x768 tile; unknown
 *       size: 258 (one tile).</li>
 * </ul>
 * <p><b>Files</b>: a PDF costs per page: 258 on Gemini (its documented per-page count), 1500 elsewhere (the low end
 * of the 1,500 to 3,000 tokens per page Anthropic documents for text; OpenAI also sends an image of each page).
 * Pages are counted from the PDF's {@code /Type /Page} objects in at most its first {@value #MAX_PDF_SCAN_BYTES}
 * bytes; a PDF whose page objects are compressed (none found), or the rest of a longer one, counts one page per
 * 100 KB. Text files ({@code text/*}, JSON, XML) count as their text (bytes / 4); other documents as a PDF counted by
 * size; a file by reference (no bytes) as one page.
 * <p><b>Audio</b>: 32 tokens per second (Gemini's documented rate; OpenAI publishes none), the duration from a WAV
 * header's byte rate, else at 128 kbit/s (16,000 bytes per second, an MP3's common rate).
 * <p>Low ends are chosen on purpose: an estimate too high would send a prompt that fits to the fallback, one too low
 * only lets the provider's own context-length error do it.
 */
public final class TokenEstimate {
    /** At most this many bytes of a PDF are scanned for its pages. */
    public static final int MAX_PDF_SCAN_BYTES = 32 * 1024 * 1024;
    public static final int OPENAI_LOW_DETAIL = 85;
    public static final int OPENAI_HIGH_DETAIL_MAX = 85 + 170 * 8;
    public static final int ANTHROPIC_IMAGE_MAX = 1600;
    public static final int GEMINI_TILE = 258;
    public static final int PAGE = 1500;
    private static final int BYTES_PER_PAGE_GUESS = 100_000;
    private static final int AUDIO_TOKENS_PER_SECOND = 32;
    private static final int AUDIO_BYTES_PER_SECOND_GUESS = 16_000;
    private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![A-Za-z])");

    private TokenEstimate() {}

    /** Whose documented rule prices a model's media. */
    public enum MediaRule {
        OPENAI, ANTHROPIC, GEMINI;

        /** From the model's name: {@code claude*}, {@code *gemini*}, else OpenAI's. */
        public static MediaRule of(String model) {
            String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
            if (m.startsWith("claude") || m.contains("/claude") || m.contains(".claude")) return ANTHROPIC;
            if (m.contains("gemini")) return GEMINI;
            return OPENAI;
        }
    }

    public static int ofText(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    public static int ofMessages(List<PromptMessage> messages) {
        int tokens = 0;
        for (PromptMessage message : messages) {
            tokens += 4 + ofText(message.content());
        }
        return tokens;
    }

    /** The tokens of an image part for a model of this rule; its size read from its bytes' header when inline. */
    public static int ofImage(MediaRule rule, ContentPart.Image image) {
        boolean low = "low".equalsIgnoreCase(image.detail());
        return ofImage(rule, image.detail(), rule == MediaRule.OPENAI && low ? null : ImageDimensions.of(image.inline()));
    }

    /** The tokens of an image of this size (null: unknown) and OpenAI {@code detail} for a model of this rule. */
    public static int ofImage(MediaRule rule, String detail, ImageDimensions size) {
        if (rule == MediaRule.OPENAI && "low".equalsIgnoreCase(detail)) return OPENAI_LOW_DETAIL;
        if (size == null) {
            return switch (rule) {
                case OPENAI -> OPENAI_HIGH_DETAIL_MAX;
                case ANTHROPIC -> ANTHROPIC_IMAGE_MAX;
                case GEMINI -> GEMINI_TILE;
            };
        }
        return switch (rule) {
            case OPENAI -> openAiImage(size.width(), size.height(), detail);
            case ANTHROPIC -> anthropicImage(size.width(), size.height());
            case GEMINI -> geminiImage(size.width(), size.height());
        };
    }

    /** OpenAI's tile formula (see the class comment). */
    public static int openAiImage(int width, int height, String detail) {
        if ("low".equalsIgnoreCase(detail)) return OPENAI_LOW_DETAIL;
        double w = width;
        double h = height;
        if (w > 2048 || h > 2048) {
            double scale = 2048 / Math.max(w, h);
            w = Math.floor(w * scale);
            h = Math.floor(h * scale);
        }
        if (Math.min(w, h) > 768) {
            double scale = 768 / Math.min(w, h);
            w = Math.floor(w * scale);
            h = Math.floor(h * scale);
        }
        long tiles = (long) Math.ceil(w / 512) * (long) Math.ceil(h / 512);
        return (int) (85 + 170 * tiles);
    }

    /** Anthropic's documented approximation (see the class comment). */
    public static int anthropicImage(int width, int height) {
        double w = width;
        double h = height;
        if (Math.max(w, h) > 1568) {
            double scale = 1568 / Math.max(w, h);
            w = Math.floor(w * scale);
            h = Math.floor(h * scale);
        }
        return (int) Math.min(ANTHROPIC_IMAGE_MAX, Math.ceil(w * h / 750));
    }

    /** Gemini's documented count (see the class comment). */
    public static int geminiImage(int width, int height) {
        if (width <= 384 && height <= 384) return GEMINI_TILE;
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(width / 768.0) * (long) Math.ceil(height / 768.0) * GEMINI_TILE);
    }

    /** The tokens of a file part for a model of this rule (see the class comment). */
    public static int ofFile(MediaRule rule, ContentPart.File file) {
        int perPage = rule == MediaRule.GEMINI ? GEMINI_TILE : PAGE;
        DataUri data = file.inline();
        if (data == null) return perPage;
        String type = data.mediaType();
        if (type.startsWith("text/") || type.endsWith("json") || type.endsWith("xml")) {
            return (int) Math.min(Integer.MAX_VALUE, (data.size() + 3) / 4);
        }
        long pages = type.equals("application/pdf") ? pdfPages(data) : pagesBySize(data.size());
        return (int) Math.min(Integer.MAX_VALUE, pages * perPage);
    }

    /** The tokens of an audio part (see the class comment). */
    public static int ofAudio(ContentPart.Audio audio) {
        String base64 = audio.data();
        DataUri data = DataUri.looksLike(base64) ? DataUri.parseOrNull(base64) : DataUri.parseOrNull("data:audio/x;base64," + base64);
        if (data == null) return 0;
        long bytesPerSecond = AUDIO_BYTES_PER_SECOND_GUESS;
        if ("wav".equalsIgnoreCase(audio.format()) && data.size() > 44) {
            byte[] header = Base64.getDecoder().decode(data.base64().substring(0, 48));
            if (header[0] == 'R' && header[1] == 'I' && header[8] == 'W' && header[9] == 'A') {
                long rate = (header[28] & 0xFFL) | (header[29] & 0xFFL) << 8 | (header[30] & 0xFFL) << 16 | (header[31] & 0xFFL) << 24;
                if (rate > 0) bytesPerSecond = rate;
            }
        }
        long seconds = (data.size() + bytesPerSecond - 1) / bytesPerSecond;
        return (int) Math.min(Integer.MAX_VALUE, seconds * AUDIO_TOKENS_PER_SECOND);
    }

    /** The pages of a PDF: its page objects in the first {@value #MAX_PDF_SCAN_BYTES} bytes, else by size. */
    static long pdfPages(DataUri pdf) {
        String base64 = pdf.base64();
        int chunk = 64 * 1024; // characters, a multiple of 4
        int end = (int) Math.min(base64.length(), (long) MAX_PDF_SCAN_BYTES / 3 * 4);
        long pages = 0;
        String carry = "";
        for (int from = 0; from < end; from += chunk) {
            int to = Math.min(end, from + chunk);
            boolean last = to == end;
            String text = carry + new String(Base64.getDecoder().decode(base64.substring(from, to)), StandardCharsets.ISO_8859_1);
            int limit = last ? text.length() : Math.max(0, text.length() - 32);
            Matcher m = PDF_PAGE.matcher(text);
            while (m.find() && m.start() < limit) pages++;
            carry = text.substring(limit);
        }
        long scanned = (long) end / 4 * 3;
        if (pages == 0) return pagesBySize(pdf.size());
        return pages + (pdf.size() > scanned ? pagesBySize(pdf.size() - scanned) : 0);
    }

    private static long pagesBySize(long bytes) {
        return Math.max(1, (bytes + BYTES_PER_PAGE_GUESS - 1) / BYTES_PER_PAGE_GUESS);
    }
}
