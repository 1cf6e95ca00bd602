package dev.junction.engine.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The pattern of a {@code matches} condition, compiled once (per deployment version, by the router compiler) for
 * RE2/J, whose matching time is linear in the length of the value: {@code (.*a){12}} on {@code "a"*33 + "c"} takes
 * microseconds, where {@code java.util.regex} backtracked for 13 s. Thread-safe.
 * <p>Which patterns: those that are valid Java syntax (what {@code matches} has always taken) and mean the same to
 * RE2 ({@link RegexSupport}); the rest are refused with a reason: backreferences, lookaround, atomic groups and
 * possessive quantifiers (the constructs that need backtracking), a few Java-only escapes, more than
 * {@value #MAX_LENGTH} characters, or a program above {@value #MAX_PROGRAM_SIZE} instructions. The validator turns a
 * refusal into a field error; a stored version that has one still loads, and that condition never holds.
 * <p>Semantics: the whole value must match, as with Java's {@code Matcher.matches()}.
 */
public final class UserRegex {
    /** Characters of a pattern. */
    public static final int MAX_LENGTH = 1000;
    /** RE2/J instructions of a compiled pattern: matching costs up to this much per character of the value. */
    public static final int MAX_PROGRAM_SIZE = 5000;

    private final String pattern;
    private final Pattern compiled;
    private final String problem;

    private UserRegex(String pattern, Pattern compiled, String problem) {
        this.pattern = pattern;
        this.compiled = compiled;
        this.problem = problem;
    }

    /** Compiles {@code pattern}; never throws: a refused pattern never matches and {@link #problem()} says why. */
    public static UserRegex of(String pattern) {
        if (pattern.length() > MAX_LENGTH) return refused(pattern, "at most " + MAX_LENGTH + " characters");
        try {
            java.util.regex.Pattern.compile(pattern); // the syntax matches has always taken; compiling runs nothing
        } catch (java.util.regex.PatternSyntaxException e) {
            return refused(pattern, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        String unsupported = RegexSupport.problem(pattern, MAX_PROGRAM_SIZE);
        if (unsupported != null) return refused(pattern, "regex not supported: " + unsupported);
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return refused(pattern, "regex not supported: " + e.getDescription()
                    + (e.getPattern() == null || e.getPattern().isEmpty() ? "" : " " + e.getPattern()));
        }
        if (compiled.programSize() > MAX_PROGRAM_SIZE) {
            return refused(pattern, "regex not supported: too large: " + compiled.programSize() + " instructions, at most "
                    + MAX_PROGRAM_SIZE);
        }
        return new UserRegex(pattern, compiled, null);
    }

    private static UserRegex refused(String pattern, String problem) {
        return new UserRegex(pattern, null, problem);
    }

    /** Whether the whole of {@code value} matches; false for a refused pattern. */
    public boolean matches(String value) {
        return compiled != null && compiled.matches(value);
    }

    /** Why the pattern was refused ({@code regex not supported: lookahead (?=...)}), or null when it runs. */
    public String problem() {
        return problem;
    }

    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
