package dev.junction.engine.log;

import dev.junction.engine.deployment.DataUri;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Small JPEG previews of inline images, for the log detail of a request whose bodies are kept. Made on the log
 * writer's thread, never on the request's, with bounded work: only PNG, JPEG, GIF and BMP (what {@code javax.imageio}
 * reads without plug-ins; a WebP image is logged by reference only), at most {@link #MAX_SOURCE_BYTES} of image and
 * {@link #MAX_PIXELS} pixels by the header, read subsampled so that no more than about twice the thumbnail's pixels
 * are decoded into memory, then averaged down to fit {@link #SIZE}×{@link #SIZE} and written as JPEG at quality 0.7
 * (a few KB). Anything unreadable gives no thumbnail, never an error: the reference (type, size, SHA-256) is the record.
 */
public final class Thumbnails {
    /** The longest side of a thumbnail, in pixels. */
    public static final int SIZE = 96;
    /** Larger inline images get no thumbnail. */
    public static final long MAX_SOURCE_BYTES = 20L * 1024 * 1024;
    /** Images with more pixels than this (by their header) get no thumbnail. */
    public static final long MAX_PIXELS = 50_000_000L;
    private static final Set<String> READABLE = Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/bmp");

    private Thumbnails() {}

    /** A {@code data:image/jpeg;base64,...} thumbnail of the image, or null when none can be made within the bounds. */
    public static String of(DataUri image) {
        if (image == null || !READABLE.contains(image.mediaType()) || image.size() > MAX_SOURCE_BYTES) return null;
        try {
            BufferedImage source = read(image.bytes());
            if (source == null) return null;
            return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(shrink(source)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static BufferedImage read(byte[] bytes) throws IOException {
        // In memory only: ImageIO's factory would cache the stream in a temporary file, putting a caller's image on disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) return null;
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) return null;
                int step = Math.max(1, Math.max(w, h) / (2 * SIZE));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The image averaged down (box filter) to fit SIZE×SIZE, as RGB on white (JPEG has no transparency). */
    static BufferedImage shrink(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = Math.min(1.0, (double) SIZE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < th; y++) {
            int y0 = y * h / th;
            int y1 = Math.max(y0 + 1, (y + 1) * h / th);
            for (int x = 0; x < tw; x++) {
                int x0 = x * w / tw;
                int x1 = Math.max(x0 + 1, (x + 1) * w / tw);
                long r = 0, g = 0, b = 0;
                int n = 0;
                for (int sy = y0; sy < y1; sy++) {
                    for (int sx = x0; sx < x1; sx++) {
                        int argb = src.getRGB(sx, sy);
                        int a = argb >>> 24;
                        // over white
                        r += (((argb >> 16) & 0xff) * a + 255 * (255 - a)) / 255;
                        g += (((argb >> 8) & 0xff) * a + 255 * (255 - a)) / 255;
                        b += ((argb & 0xff) * a + 255 * (255 - a)) / 255;
                        n++;
                    }
                }
                out.setRGB(x, y, (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n));
            }
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.7f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
