package dev.junction.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {
    static DataUri image(String format, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, x < w / 2 ? 0xff0000 : 0x0000ff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return new DataUri("image/" + format, Base64.getEncoder().encodeToString(out.toByteArray()));
    }

    static BufferedImage decode(String dataUri) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1))));
    }

    @Test
    void a_large_image_becomes_a_jpeg_of_at_most_96_pixels_keeping_its_proportions_and_colours() throws Exception {
        String thumb = Thumbnails.of(image("png", 2000, 1000));
        assertThat(thumb).startsWith("data:image/jpeg;base64,");
        BufferedImage small = decode(thumb);
        assertThat(small.getWidth()).isEqualTo(96);
        assertThat(small.getHeight()).isEqualTo(48);
        assertThat((small.getRGB(5, 24) >> 16) & 0xff).as("left half red").isGreaterThan(200);
        assertThat(small.getRGB(90, 24) & 0xff).as("right half blue").isGreaterThan(200);
        assertThat(thumb.length()).isLessThan(8 * 1024);
    }

    @Test
    void a_small_image_is_not_enlarged_and_jpeg_sources_work() throws Exception {
        BufferedImage small = decode(Thumbnails.of(image("jpeg", 40, 30)));
        assertThat(small.getWidth()).isEqualTo(40);
        assertThat(small.getHeight()).isEqualTo(30);
    }

    @Test
    void what_imageio_cannot_read_or_is_beyond_the_bounds_gets_none() throws Exception {
        assertThat(Thumbnails.of(new DataUri("image/webp", "UklGRg=="))).isNull();
        assertThat(Thumbnails.of(new DataUri("image/png", "bm90IGFuIGltYWdl"))).isNull();
        assertThat(Thumbnails.of(null)).isNull();
    }

    @Test
    void logged_messages_keep_at_most_eight_thumbnails_and_every_reference() throws Exception {
        String uri = image("png", 10, 10).uri();
        List<ContentPart> parts = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) parts.add(new ContentPart.Image(uri, null));
        List<Map<String, Object>> logged = LoggedMessages.of(List.of(PromptMessage.of(Role.USER, parts)), 0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> out = (List<Map<String, Object>>) logged.getFirst().get("parts");
        assertThat(out).hasSize(10).allSatisfy(p -> assertThat(p).containsKeys("sha256", "bytes", "mediaType").doesNotContainKey("url"));
        assertThat(out.stream().filter(p -> p.containsKey("thumbnail")).count()).isEqualTo(LoggedMessages.MAX_THUMBNAILS);
        assertThat(LoggedMessages.of(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Audio("UklGRg==", "wav")))), 0)
                .getFirst().get("parts").toString()).isEqualTo("[{type=audio, format=wav, bytes=4, sha256="
                + DataUri.parse("data:audio/wav;base64,UklGRg==").sha256() + "}]");
    }
}
