package dev.junction.engine.provider;

import dev.junction.engine.deployment.DataUri;

/**
 * An image's width and height in pixels, read from the header of a {@code data:} URI's bytes without decoding the
 * image: PNG ({@code IHDR}), GIF (logical screen), WebP ({@code VP8 }, {@code VP8L}, {@code VP8X}) and JPEG (the first
 * start-of-frame marker, walking the segments before it by their lengths). Only the few bytes read are decoded from
 * base64, a group of four characters at a time, and a JPEG walk stops after {@value #MAX_JPEG_SEGMENTS} segments: the
 * work is bounded whatever the image's size. The EXIF orientation is ignored (the token formulas that use the
 * dimensions do not change when width and height swap).
 */
public record ImageDimensions(int width, int height) {
    static final int MAX_JPEG_SEGMENTS = 64;

    /** The dimensions, or null when the bytes are none of the four formats or their header is cut or implausible. */
    public static ImageDimensions of(DataUri image) {
        if (image == null) return null;
        Bytes b = new Bytes(image.base64());
        try {
            if (b.at(0) == 0x89 && b.at(1) == 'P' && b.at(2) == 'N' && b.at(3) == 'G') return png(b);
            if (b.at(0) == 'G' && b.at(1) == 'I' && b.at(2) == 'F' && b.at(3) == '8') return plausible(b.le16(6), b.le16(8));
            if (b.at(0) == 0xFF && b.at(1) == 0xD8) return jpeg(b);
            if (b.ascii(0, "RIFF") && b.ascii(8, "WEBP")) return webp(b);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // a header cut short, or not base64 where it should be: unknown
        }
        return null;
    }

    private static ImageDimensions png(Bytes b) {
        if (!b.ascii(12, "IHDR")) return null;
        return plausible(b.be32(16), b.be32(20));
    }

    private static ImageDimensions webp(Bytes b) {
        if (b.ascii(12, "VP8 ")) { // lossy: the key frame's start code, then 14-bit width and height
            if (b.at(23) != 0x9D || b.at(24) != 0x01 || b.at(25) != 0x2A) return null;
            return plausible(b.le16(26) & 0x3FFF, b.le16(28) & 0x3FFF);
        }
        if (b.ascii(12, "VP8L")) { // lossless: signature 0x2F, then 14 bits width-1, 14 bits height-1
            if (b.at(20) != 0x2F) return null;
            long bits = b.at(21) | (long) b.at(22) << 8 | (long) b.at(23) << 16 | (long) b.at(24) << 24;
            return plausible((int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
        }
        if (b.ascii(12, "VP8X")) { // extended: 24-bit canvas width-1 and height-1
            return plausible(b.le24(24) + 1, b.le24(27) + 1);
        }
        return null;
    }

    private static ImageDimensions jpeg(Bytes b) {
        long at = 2;
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
            if (b.at(at) != 0xFF) return null;
            int marker = b.at(at + 1);
            while (marker == 0xFF) marker = b.at(++at + 1); // fill bytes
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { // no length
                at += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) return null; // end of image, or the scan, before any frame header
            int length = b.be16(at + 2);
            if (length < 2) return null;
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) return plausible(b.be16(at + 7), b.be16(at + 5));
            at += 2 + length;
        }
        return null;
    }

    private static ImageDimensions plausible(int width, int height) {
        return width > 0 && height > 0 ? new ImageDimensions(width, height) : null;
    }

    /** The bytes of a base64 text, decoded four characters (three bytes) at a time, on demand. */
    private static final class Bytes {
        private final String base64;
        private final long size;
        private long group = -1;
        private int groupLength;
        private final byte[] three = new byte[3];

        Bytes(String base64) {
            this.base64 = base64;
            this.size = (long) base64.length() / 4 * 3;
        }

        int at(long index) {
            if (index < 0 || index >= size) throw new IndexOutOfBoundsException("byte " + index);
            long g = index / 3;
            if (g != group) {
                int from = (int) (g * 4);
                byte[] decoded = java.util.Base64.getDecoder().decode(base64.substring(from, from + 4));
                System.arraycopy(decoded, 0, three, 0, decoded.length);
                groupLength = decoded.length;
                group = g;
            }
            if (groupLength <= index % 3) throw new IndexOutOfBoundsException("byte " + index);
            return three[(int) (index % 3)] & 0xFF;
        }

        boolean ascii(long from, String text) {
            for (int i = 0; i < text.length(); i++) if (at(from + i) != text.charAt(i)) return false;
            return true;
        }

        int be16(long at) { return at(at) << 8 | at(at + 1); }
        int le16(long at) { return at(at) | at(at + 1) << 8; }
        int le24(long at) { return at(at) | at(at + 1) << 8 | at(at + 2) << 16; }

        int be32(long at) {
            long v = (long) at(at) << 24 | at(at + 1) << 16 | at(at + 2) << 8 | at(at + 3);
            return v > Integer.MAX_VALUE ? -1 : (int) v;
        }
    }
}
