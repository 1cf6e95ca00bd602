package dev.junction.engine.deployment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An RFC 2397 {@code data:} URI with base64 content ({@code data:image/png;base64,iVBOR...}), the inline form of
 * images and files. {@link #parse} checks the form and the base64 alphabet without decoding twice; {@link #bytes}
 * decodes. Only base64 URIs are accepted: every provider wants base64 for binary media.
 */
public record DataUri(String mediaType, String base64) {

    /** The decoded size in bytes, from the base64 length (no decoding). */
    public long size() {
        int n = base64.length();
        int pad = n > 0 && base64.charAt(n - 1) == '=' ? (n > 1 && base64.charAt(n - 2) == '=' ? 2 : 1) : 0;
        return (long) n / 4 * 3 - pad;
    }

    public byte[] bytes() {
        return Base64.getDecoder().decode(base64);
    }

    /** {@code sha256:<hex>} of the decoded bytes: how logs name a medium without keeping it. */
    public String sha256() {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public String uri() {
        return "data:" + mediaType + ";base64," + base64;
    }

    /** Whether the text starts like a data URI (the caller meant one, so a bad one is an error, not a URL). */
    public static boolean looksLike(String text) {
        return text != null && text.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The URI, or null when {@code text} is not a well-formed base64 data URI. */
    public static DataUri parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @throws IllegalArgumentException saying what is wrong (for a 400 naming the field)
     */
    public static DataUri parse(String text) {
        if (!looksLike(text)) throw new IllegalArgumentException("not a data: URI");
        int comma = text.indexOf(',');
        if (comma < 0) throw new IllegalArgumentException("a data: URI needs a comma before its content");
        String meta = text.substring(5, comma);
        if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw new IllegalArgumentException("a data: URI must be base64 (data:<media type>;base64,<content>)");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        int semi = mediaType.indexOf(';');
        if (semi >= 0) mediaType = mediaType.substring(0, semi); // parameters such as charset are dropped
        mediaType = mediaType.strip().toLowerCase(Locale.ROOT);
        if (mediaType.isEmpty() || mediaType.indexOf('/') <= 0) {
            throw new IllegalArgumentException("a data: URI must name its media type (data:image/png;base64,...)");
        }
        String base64 = text.substring(comma + 1);
        if (base64.isEmpty()) throw new IllegalArgumentException("the data: URI has no content");
        if (base64.length() % 4 != 0) throw new IllegalArgumentException("the data: URI's content is not valid base64");
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                    || (c == '=' && i >= base64.length() - 2);
            if (!ok) throw new IllegalArgumentException("the data: URI's content is not valid base64");
        }
        return new DataUri(mediaType, base64);
    }

    @Override
    public String toString() {
        return "data:" + mediaType + ";base64,(" + size() + " bytes)";
    }
}
