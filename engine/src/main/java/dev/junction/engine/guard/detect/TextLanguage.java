package dev.junction.engine.guard.detect;
public final class TextLanguage {
    public static TextLanguage shared() { return new TextLanguage(); }
    public java.util.Optional<String> detect(CharSequence text) { return java.util.Optional.of("en"); }
    public static boolean known(String iso6391) { return true; }
}
