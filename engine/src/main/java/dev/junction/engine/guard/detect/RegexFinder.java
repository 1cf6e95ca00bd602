package dev.junction.engine.guard.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.junction.engine.routing.UserRegex;
import java.util.List;
import java.util.Objects;

/**
 * A user-written pattern for a guardrail, found anywhere in a text. It is a trust boundary: the pattern runs in RE2/J,
 * whose time is linear in the text ({@code (a+)+$} on 10 KB of {@code a}s takes microseconds where
 * {@code java.util.regex} never returns), and it is accepted exactly when a routing {@code matches} condition would
 * accept it ({@link UserRegex}: Java syntax that RE2 reads the same way; no backreferences, lookaround, atomic groups
 * or possessive quantifiers; at most {@value UserRegex#MAX_LENGTH} characters and
 * {@value UserRegex#MAX_PROGRAM_SIZE} instructions). A refused pattern finds nothing and {@link #problem()} says why.
 * <p>Unlike {@code matches}, which wants the whole value, this finds every occurrence (successive
 * {@code Matcher.find()}) and stops after {@value #MAX_FINDINGS}. Each find is linear, but a search can run to the end
 * of the text before it settles on a short match ({@code a|a*b} on {@code aaa...}), so the cap is also what bounds the
 * work: at most {@value #MAX_FINDINGS} + 1 linear passes (16 ms for that pattern on 10 KB). Empty matches would escape
 * the cap (one search per position: {@code (?:a*b)?} took 1.7 s on 10 KB), so a pattern that can match empty text
 * inside a text is refused; one that can only at the start ({@code ^|x}) is kept, and its empty match skipped.
 * Built once per guardrail config; immutable and thread-safe.
 */
public final class RegexFinder {
    /** Findings per text, at most. */
    public static final int MAX_FINDINGS = 1000;
    private static final String EMPTY = "regex not supported: it can match empty text (like \\d* or a|), so it would match "
            + "between every two characters; write one that takes at least one character, like \\d+";

    private final Pattern compiled;
    private final String kind;
    private final String problem;

    private RegexFinder(Pattern compiled, String kind, String problem) {
        this.compiled = compiled;
        this.kind = kind;
        this.problem = problem;
    }

    /** Compiles {@code pattern}, whose findings have kind {@code kind}; never throws for a bad pattern. */
    public static RegexFinder of(String pattern, String kind) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(kind, "kind");
        String problem = UserRegex.of(pattern).problem();
        if (problem != null) return new RegexFinder(null, kind, problem);
        Pattern compiled = Pattern.compile(pattern); // UserRegex compiled it: it compiles
        if (matchesEmptyInside(compiled)) return new RegexFinder(null, kind, EMPTY);
        return new RegexFinder(compiled, kind, null);
    }

    /**
     * Whether {@code p} can match empty text anywhere but at the start. The only assertions a pattern may hold are
     * {@code ^ $ \A \z \b \B} (flag m is refused), and a pattern that matches empty at some inner position also
     * matches empty at the end of {@code "a"} or of {@code " "} (the same word boundary or not, and nothing after it
     * to prefer), so two one-character probes decide it.
     */
    private static boolean matchesEmptyInside(Pattern p) {
        for (String probe : new String[] {"a", " "}) {
            Matcher m = p.matcher(probe);
            while (m.find()) {
                if (m.start() == m.end() && m.start() > 0) return true;
            }
        }
        return false;
    }

    /** Why the pattern was refused ({@code regex not supported: backreference \1}), or null when it runs. */
    public String problem() {
        return problem;
    }

    /** Every non-empty occurrence in {@code text}, in order, at most {@value #MAX_FINDINGS}. */
    public List<Finding> find(CharSequence text) {
        if (compiled == null) return List.of();
        Matcher m = compiled.matcher(text);
        List<Finding> out = null;
        int count = 0;
        while (count < MAX_FINDINGS && m.find()) {
            if (m.end() > m.start()) {
                out = Overlaps.add(out, m.start(), m.end(), kind);
                count++;
            }
        }
        return out == null ? List.of() : List.copyOf(out);
    }
}
