package dev.junction.engine.routing;

/**
 * What RE2 cannot run, or would run with another meaning, in a pattern that is already valid Java syntax: one pass
 * over the pattern before RE2/J compiles it. It names the construct ({@code lookahead (?=...)}) rather than leaving
 * the user RE2/J's parser message, refuses the few constructs both engines accept but read differently (a class
 * inside a class, {@code &&}, {@code \v}, octal escapes, flag {@code U}), and estimates the compiled size, because
 * RE2/J expands counted repetitions before it can be asked: {@code ((a{1000}){1000}){1000}}, 23 characters, ran it
 * out of a 512 MB heap after 13 s.
 * The constructs it refuses, and how it names them, are {@link Re2Refusals}; this class walks the pattern.
 * <p>The estimate counts one instruction per atom, multiplied by every counted repetition around it; RE2/J's real
 * program is about twice that, and {@link UserRegex} checks the real size after compiling.
 */
final class RegexSupport {
    private RegexSupport() {}

    /**
     * Why RE2 cannot stand in for Java on {@code p}, or null. {@code p} must compile with {@code java.util.regex}
     * (so every bracket closes and every brace is a repetition).
     */
    static String problem(String p, int maxProgram) {
        return new Scan(p, maxProgram).run();
    }

    private static final class Scan {
        private final String p;
        private final int maxProgram;
        /** The estimate is rough (RE2/J's program is 1-2 times it): it only has to keep the compile bounded. */
        private final long max;
        private final java.util.ArrayDeque<long[]> outer = new java.util.ArrayDeque<>();
        private long sum, last;
        private int i;
        /** Where the last inline flags {@code (?i)} ended; a quantifier right after them repeats nothing in RE2. */
        private int flagsEnd = -1;
        private boolean afterFlags;

        Scan(String p, int maxProgram) {
            this.p = p;
            this.maxProgram = maxProgram;
            this.max = 2L * maxProgram;
        }

        String run() {
            while (i < p.length()) {
                int before = i;
                String problem = step();
                afterFlags = flagsEnd == i && before != i;
                if (problem != null) return problem;
                if (sum > max) return tooLarge();
            }
            return null;
        }

        private String tooLarge() {
            return "too large: its repetitions expand to far more than " + maxProgram + " instructions";
        }

        private String step() {
            char c = p.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (at(i + 1) == 'Q') return quoted();
                    String problem = Re2Refusals.escape(p, i);
                    if (problem != null) return problem;
                    i = endOfEscape(i);
                    atom();
                    return null;
                }
                case '[' -> {
                    return charClass();
                }
                case '(' -> {
                    return open();
                }
                case ')' -> {
                    long group = sum + 2;
                    long[] parent = outer.pop();
                    sum = parent[0] + group;
                    last = group;
                    i++;
                    return null;
                }
                case '|' -> {
                    sum++;
                    last = 0;
                    i++;
                    return null;
                }
                case '*', '+', '?' -> {
                    if (afterFlags) return Re2Refusals.REPEATED_FLAGS;
                    sum++;
                    i++;
                    return lazyOrPossessive(String.valueOf(c));
                }
                case '{' -> {
                    if (afterFlags) return Re2Refusals.REPEATED_FLAGS;
                    return counted();
                }
                case '$' -> {
                    if (!endsABranch(i + 1)) return "$ before more of the pattern (Java's $ also matches before a final line break; write \\z)";
                    atom();
                    i++;
                    return null;
                }
                default -> {
                    atom();
                    i++;
                    return null;
                }
            }
        }

        /** Whether only group ends follow {@code k}, up to the end of the pattern or the end of a top-level branch. */
        private boolean endsABranch(int k) {
            int depth = outer.size();
            while (true) {
                while (k < p.length() && (p.charAt(k) == ')' || p.charAt(k) == '$')) {
                    if (p.charAt(k) == ')') depth--;
                    k++;
                }
                if (k == p.length() || (p.charAt(k) == '|' && depth == 0)) return true;
                if (p.charAt(k) != '|') return false;
                k = closeOfGroup(k + 1); // the other branches of this group: what follows the group decides
            }
        }

        /** The index of the {@code )} that closes the group {@code k} is in. */
        private int closeOfGroup(int k) {
            int level = 0;
            while (k < p.length()) {
                char c = p.charAt(k);
                if (c == '\\') {
                    if (at(k + 1) == 'Q') {
                        int end = p.indexOf("\\E", k + 2);
                        k = end < 0 ? p.length() : end + 2;
                    } else {
                        k += 2;
                    }
                } else if (c == '[') {
                    k = endOfClass(k);
                } else if (c == '(') {
                    level++;
                    k++;
                } else if (c == ')') {
                    if (level-- == 0) return k;
                    k++;
                } else {
                    k++;
                }
            }
            return k;
        }

        /** The index after the class that opens at {@code k}. */
        private int endOfClass(int k) {
            int j = k + 1;
            if (at(j) == '^') j++;
            if (at(j) == ']') j++;
            while (j < p.length() && p.charAt(j) != ']') j += p.charAt(j) == '\\' ? 2 : 1;
            return j + 1;
        }

        private void atom() {
            sum++;
            last = 1;
        }

        private char at(int k) {
            return k < p.length() ? p.charAt(k) : '\0';
        }

        /** {@code \Q...\E}: every character literal (RE2 reads it the same way). */
        private String quoted() {
            int end = p.indexOf("\\E", i + 2);
            int stop = end < 0 ? p.length() : end;
            int chars = stop - (i + 2);
            sum += chars;
            if (chars > 0) last = 1;
            i = end < 0 ? p.length() : end + 2;
            return null;
        }

        /** After a quantifier: {@code ?} makes it lazy (fine), {@code +} possessive (RE2 has none). */
        private String lazyOrPossessive(String quantifier) {
            if (at(i) == '+') return "possessive quantifier " + quantifier + "+ (write " + quantifier + ")";
            if (at(i) == '?') i++;
            return null;
        }

        /** {@code {n}}, {@code {n,}}, {@code {n,m}}: Java refuses every other brace outside a class. */
        private String counted() {
            int close = p.indexOf('}', i);
            String[] bounds = p.substring(i + 1, close).split(",", -1);
            long low = Long.parseLong(bounds[0].strip());
            long high = bounds.length == 1 ? low : bounds[1].isBlank() ? low + 1 : Long.parseLong(bounds[1].strip());
            if (Math.max(low, high) > 1000) return "repeat count above 1000: " + p.substring(i, close + 1);
            long times = Math.max(1, Math.max(low, high));
            sum += last * (times - 1) + times;
            last *= times;
            String quantifier = p.substring(i, close + 1);
            i = close + 1;
            return lazyOrPossessive(quantifier);
        }

        /** A group, or inline flags {@code (?i)}. */
        private String open() {
            if (at(i + 1) != '?') {
                push(i + 1);
                return null;
            }
            String refused = Re2Refusals.group(p, i);
            if (refused != null) return refused;
            if (at(i + 2) == '<') { // a named group
                push(p.indexOf('>', i) + 1);
                return null;
            }
            int j = i + 2;
            while (j < p.length() && p.charAt(j) != ')' && p.charAt(j) != ':') {
                String problem = Re2Refusals.flag(p.charAt(j));
                if (problem != null) return problem;
                j++;
            }
            if (at(j) == ':') {
                push(j + 1);
            } else {
                i = j + 1; // (?i): no group of its own
                flagsEnd = i;
            }
            return null;
        }

        private void push(int contentStart) {
            outer.push(new long[] {sum, last});
            sum = 0;
            last = 0;
            i = contentStart;
        }

        /** {@code [...]}: Java's classes within classes and {@code &&} mean something else (or nothing) to RE2. */
        private String charClass() {
            int j = i + 1;
            if (at(j) == '^') j++;
            if (at(j) == ']') j++; // a leading ] is a literal in both
            while (j < p.length() && p.charAt(j) != ']') {
                char c = p.charAt(j);
                if (c == '[') return "a class inside a class, [..[..]..] (a union in Java; RE2 reads [ as a character)";
                if (c == '&' && at(j + 1) == '&') return "class intersection && (a Java extension)";
                if (c == '\\') {
                    if (at(j + 1) == 'Q') return "\\Q...\\E inside a class (escape each character instead)";
                    String problem = Re2Refusals.escape(p, j);
                    if (problem != null) return problem;
                    j = endOfEscape(j);
                } else {
                    j++;
                }
            }
            i = j + 1;
            atom();
            return null;
        }

        /** The index after the escape at {@code k}. */
        private int endOfEscape(int k) {
            char e = at(k + 1);
            if ((e == 'p' || e == 'P' || e == 'x') && at(k + 2) == '{') return p.indexOf('}', k) + 1;
            if (e == 'p' || e == 'P') return k + 3;
            if (e == 'x') return k + 4;
            return k + 2;
        }
    }
}
