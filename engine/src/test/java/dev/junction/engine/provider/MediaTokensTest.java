package dev.junction.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.provider.TokenEstimate.MediaRule;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Images, files and audio in the context window: real image headers, the vendors' documented formulas. */
class MediaTokensTest {
    private final TokenCounter counter = new TokenCounter();

    /** A real image of this size, encoded by javax.imageio as {@code format} (png, jpg, gif). */
    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(width / 2, height / 2, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as("a writer for " + format).isTrue();
        return out.toByteArray();
    }

    private static String dataUri(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static ImageDimensions size(String mediaType, byte[] bytes) {
        return ImageDimensions.of(DataUri.parse(dataUri(mediaType, bytes)));
    }

    /** A JPEG with a 20 KB APP1 (EXIF-sized) segment before its frame header, as cameras write them. */
    private static byte[] withExif(byte[] jpeg) {
        byte[] app1 = new byte[20_000];
        app1[0] = (byte) 0xFF;
        app1[1] = (byte) 0xE1;
        app1[2] = (byte) ((app1.length - 2) >> 8);
        app1[3] = (byte) (app1.length - 2);
        byte[] out = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1, 0, out, 2, app1.length);
        System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
        return out;
    }

    @Test
    void the_size_of_real_png_jpeg_and_gif_images_is_read_from_their_headers() throws IOException {
        assertThat(size("image/png", image("png", 1024, 700))).isEqualTo(new ImageDimensions(1024, 700));
        assertThat(size("image/jpeg", image("jpg", 1600, 800))).isEqualTo(new ImageDimensions(1600, 800));
        assertThat(size("image/jpeg", withExif(image("jpg", 333, 1201)))).isEqualTo(new ImageDimensions(333, 1201));
        assertThat(size("image/gif", image("gif", 100, 60))).isEqualTo(new ImageDimensions(100, 60));
    }

    @Test
    void the_size_of_webp_images_is_read_from_each_of_their_three_headers() {
        byte[] vp8x = new byte[30];
        put(vp8x, 0, "RIFF");
        put(vp8x, 8, "WEBPVP8X");
        vp8x[24] = (byte) 0xCF; vp8x[25] = 0x07; // 1999 = width - 1
        vp8x[27] = (byte) 0xE7; vp8x[28] = 0x03; // 999 = height - 1
        assertThat(size("image/webp", vp8x)).isEqualTo(new ImageDimensions(2000, 1000));

        byte[] vp8l = new byte[25];
        put(vp8l, 0, "RIFF");
        put(vp8l, 8, "WEBPVP8L");
        vp8l[20] = 0x2F;
        long bits = (20 - 1) | (long) (30 - 1) << 14;
        for (int i = 0; i < 4; i++) vp8l[21 + i] = (byte) (bits >> (8 * i));
        assertThat(size("image/webp", vp8l)).isEqualTo(new ImageDimensions(20, 30));

        byte[] vp8 = new byte[30];
        put(vp8, 0, "RIFF");
        put(vp8, 8, "WEBPVP8 ");
        vp8[23] = (byte) 0x9D; vp8[24] = 0x01; vp8[25] = 0x2A;
        vp8[26] = (byte) 0x80; vp8[27] = 0x02; // 640
        vp8[28] = (byte) 0xE0; vp8[29] = 0x01; // 480
        assertThat(size("image/webp", vp8)).isEqualTo(new ImageDimensions(640, 480));
    }

    @Test
    void bytes_that_are_no_known_image_or_cut_short_have_no_size() throws IOException {
        assertThat(size("image/png", "not an image at all".getBytes(StandardCharsets.UTF_8))).isNull();
        byte[] png = image("png", 10, 10);
        assertThat(size("image/png", java.util.Arrays.copyOf(png, 18))).as("cut inside IHDR").isNull();
        assertThat(ImageDimensions.of(null)).isNull();
    }

    @Test
    void openai_images_cost_85_plus_170_per_tile_after_scaling_as_documented() throws IOException {
        assertThat(TokenEstimate.openAiImage(1024, 1024, null)).as("768x768: 4 tiles").isEqualTo(765);
        assertThat(TokenEstimate.openAiImage(2048, 4096, "high")).as("1024x2048, then 768x1536: 6 tiles").isEqualTo(1105);
        assertThat(TokenEstimate.openAiImage(4096, 8192, "low")).isEqualTo(85);
        assertThat(TokenEstimate.openAiImage(100, 100, "auto")).as("never scaled up: one tile").isEqualTo(255);

        ContentPart.Image jpeg = new ContentPart.Image(dataUri("image/jpeg", withExif(image("jpg", 1600, 800))), null);
        assertThat(TokenEstimate.ofImage(MediaRule.OPENAI, jpeg)).as("1536x768: 6 tiles").isEqualTo(1105);
        ContentPart.Image url = new ContentPart.Image("https://example.com/cat.png", "high");
        assertThat(TokenEstimate.ofImage(MediaRule.OPENAI, url)).as("unknown size: the high-detail most").isEqualTo(1445);
        assertThat(TokenEstimate.ofImage(MediaRule.OPENAI, new ContentPart.Image(url.url(), "low"))).isEqualTo(85);
    }

    @Test
    void anthropic_and_gemini_images_follow_their_documented_estimates() throws IOException {
        ContentPart.Image png = new ContentPart.Image(dataUri("image/png", image("png", 1000, 600)), null);
        assertThat(TokenEstimate.ofImage(MediaRule.ANTHROPIC, png)).as("1000*600/750").isEqualTo(800);
        assertThat(TokenEstimate.anthropicImage(4000, 3000)).as("scaled to 1568 wide, capped").isEqualTo(1600);
        assertThat(TokenEstimate.ofImage(MediaRule.GEMINI, png)).as("2 x 1 tiles of 768").isEqualTo(516);
        assertThat(TokenEstimate.geminiImage(384, 200)).isEqualTo(258);
        assertThat(MediaRule.of("claude-sonnet-4-5")).isEqualTo(MediaRule.ANTHROPIC);
        assertThat(MediaRule.of("gemini-2.5-flash")).isEqualTo(MediaRule.GEMINI);
        assertThat(MediaRule.of("llama-3.3-70b-versatile")).isEqualTo(MediaRule.OPENAI);
    }

    @Test
    void an_image_counts_in_the_context_window_exactly_for_an_openai_model() throws IOException {
        PromptMessage withImage = PromptMessage.of(Role.USER, List.of(new ContentPart.Text("hello world"),
                new ContentPart.Image(dataUri("image/png", image("png", 1024, 1024)), "high")));

        TokenCounter.Fit fit = counter.fits("gpt-4o", List.of(withImage), 0, 700);

        assertThat(fit.fits()).isFalse();
        assertThat(fit.promptTokens()).as("3 + 3 + 2 text tokens + 765 for the image").isEqualTo(773);
        assertThat(fit.exact()).isTrue();
        assertThat(counter.fits("gpt-4o", List.of(withImage), 0, 800).fits()).as("fits by the cheap bound").isTrue();
        assertThat(counter.fits("claude-sonnet-4-5", List.of(withImage), 0, 1000).exact())
                .as("another vendor's count is an estimate").isFalse();
    }

    @Test
    void a_pdf_counts_per_page_and_a_text_file_as_its_text() {
        String pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count 3 >> endobj\n"
                + "3 0 obj << /Type /Page >> endobj\n4 0 obj <</Type/Page/Parent 2 0 R>> endobj\n5 0 obj << /Type /Page >> endobj\n%%EOF";
        ContentPart.File file = new ContentPart.File(dataUri("application/pdf", pdf.getBytes(StandardCharsets.ISO_8859_1)), null, null, "a.pdf");
        assertThat(TokenEstimate.ofFile(MediaRule.OPENAI, file)).as("3 pages").isEqualTo(3 * 1500);
        assertThat(TokenEstimate.ofFile(MediaRule.GEMINI, file)).isEqualTo(3 * 258);

        ContentPart.File text = new ContentPart.File(dataUri("text/plain", "x".repeat(400).getBytes(StandardCharsets.UTF_8)), null, null, null);
        assertThat(TokenEstimate.ofFile(MediaRule.OPENAI, text)).isEqualTo(100);
        assertThat(TokenEstimate.ofFile(MediaRule.OPENAI, new ContentPart.File(null, "files/abc", "application/pdf", null)))
                .as("by reference: one page").isEqualTo(1500);
    }

    @Test
    void a_pdf_whose_page_objects_are_hidden_in_many_chunks_is_still_counted_across_chunk_boundaries() {
        StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
        for (int i = 0; i < 40; i++) pdf.append("x".repeat(4_000 + i)).append("<< /Type /Page >>\n");
        ContentPart.File file = new ContentPart.File(dataUri("application/pdf", pdf.toString().getBytes(StandardCharsets.ISO_8859_1)), null, null, null);
        assertThat(TokenEstimate.ofFile(MediaRule.GEMINI, file)).isEqualTo(40 * 258);
    }

    @Test
    void wav_audio_counts_32_tokens_a_second_from_its_header() {
        byte[] wav = new byte[44 + 32_000 * 3]; // 3 s of 16 kHz mono 16-bit
        put(wav, 0, "RIFF");
        put(wav, 8, "WAVEfmt ");
        wav[28] = 0x00; wav[29] = 0x7D; // byte rate 32000
        ContentPart.Audio audio = new ContentPart.Audio(Base64.getEncoder().encodeToString(wav), "wav");
        assertThat(TokenEstimate.ofAudio(audio)).isEqualTo(4 * 32); // 3 s and 44 bytes, rounded up
    }

    private static void put(byte[] bytes, int at, String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, bytes, at, b.length);
    }
}
