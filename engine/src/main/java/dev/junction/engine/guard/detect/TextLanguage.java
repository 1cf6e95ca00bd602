package dev.junction.engine.guard.detect;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The language a text is written in, for guardrails that allow or refuse languages. Lingua ({@code
 * com.github.pemistahl:lingua}, n-gram models, no network) chooses among a fixed candidate set of 27 languages, by ISO
 * 639-1 code: {@code ar cs da de el en es fi fr he hi hu id it ja ko nb nl pl pt ro ru sv tr uk vi zh} (Norwegian
 * is {@code nb}, Bokmål). A language outside the set is not detected: the text reads as the nearest candidate or as
 * unsure, so a config may only name codes that {@link #known} accepts.
 * <p>Unsure is an answer: texts with fewer than {@value #MIN_LETTERS} letters ({@code "ok"}, a number, an emoji), and
 * texts where the best two candidates are too close ({@code withMinimumRelativeDistance}), give empty.
 * <p>A text longer than {@value #SAMPLE} characters is judged by its first {@value #SAMPLE} (cut at a space): Lingua's
 * time and garbage grow with the text, and a paragraph is plenty to tell a language. So a long answer that switches
 * language after its first paragraph reads as the first language.
 * <p>Cost (measured on a 2-core machine, JDK 25, {@code GuardDetectorsFigureTest} run alone): models are loaded once,
 * when {@link #shared()} is first called, in low-accuracy mode (trigram models only) and preloaded: about
 * 26 MB of retained heap for the 27 languages (high accuracy, not measured here, loads the uni- to fivegram models).
 * {@link #detect} on a 1 KB text (so 500 characters read) then takes about 0.4-0.5 ms p50 and 0.9-4.6 ms p99 (it
 * varies from run to run); Lingua on the whole 1 KB took 1.0 ms p50, 2.0 ms p99, and made about 940 KB of garbage.
 * Lingua hands every detection to {@code ForkJoinPool.commonPool()} and waits for it, which is where most of the p99
 * comes from: this is not for the 0.2 ms PII budget, and a guardrail should only run it when a language rule is
 * configured. The first build took 0.8-1.2 s.
 */
public final class TextLanguage {
    /** Fewer letters than this is too short to tell. */
    public static final int MIN_LETTERS = 20;
    /** Characters read from a longer text: Lingua's time and garbage grow with the text (about 1 KB of garbage a character). */
    static final int SAMPLE = 500;
    private static final Map<String, Language> CANDIDATES = Stream.of(
                    Language.ARABIC, Language.CZECH, Language.DANISH, Language.GERMAN, Language.GREEK, Language.ENGLISH,
                    Language.SPANISH, Language.FINNISH, Language.FRENCH, Language.HEBREW, Language.HINDI,
                    Language.HUNGARIAN, Language.INDONESIAN, Language.ITALIAN, Language.JAPANESE, Language.KOREAN,
                    Language.BOKMAL, Language.DUTCH, Language.POLISH, Language.PORTUGUESE, Language.ROMANIAN,
                    Language.RUSSIAN, Language.SWEDISH, Language.TURKISH, Language.UKRAINIAN, Language.VIETNAMESE,
                    Language.CHINESE)
            .collect(Collectors.toUnmodifiableMap(TextLanguage::code, l -> l));
    /** How far apart (0-1) the best two candidates must be; Lingua's scale, modest so real sentences pass. */
    private static final double MIN_RELATIVE_DISTANCE = 0.05;

    private final LanguageDetector detector;

    private TextLanguage(LanguageDetector detector) {
        this.detector = detector;
    }

    /** The detector over the candidate set, built on first use (see the class comment for what that costs). */
    public static TextLanguage shared() {
        return Holder.SHARED;
    }

    /** The ISO 639-1 code of the language of {@code text}, or empty when unsure or too short. Thread-safe. */
    public Optional<String> detect(CharSequence text) {
        int letters = 0;
        for (int i = 0; i < text.length() && letters < MIN_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) letters++;
        }
        if (letters < MIN_LETTERS) return Optional.empty();
        Language language = detector.detectLanguageOf(sample(text));
        return language == Language.UNKNOWN ? Optional.empty() : Optional.of(code(language));
    }

    /** Whether {@code iso6391} (lower case, {@code "de"}) is a code this detector can answer with. */
    public static boolean known(String iso6391) {
        return iso6391 != null && CANDIDATES.containsKey(iso6391);
    }

    /** The first {@value #SAMPLE} characters, up to the next whitespace (at most 40 more), or all of a shorter text. */
    static String sample(CharSequence text) {
        if (text.length() <= SAMPLE) return text.toString();
        int cut = SAMPLE;
        int stop = Math.min(text.length(), SAMPLE + 40);
        while (cut < stop && !Character.isWhitespace(text.charAt(cut))) cut++;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
        return text.subSequence(0, cut).toString();
    }

    private static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    private static final class Holder {
        static final TextLanguage SHARED = new TextLanguage(LanguageDetectorBuilder
                .fromLanguages(CANDIDATES.values().toArray(Language[]::new))
                .withLowAccuracyMode()
                .withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
                .withPreloadedLanguageModels()
                .build());
    }
}
