package dev.junction.engine.guard.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Words and phrases a guardrail refuses (or masks): every term found in one pass over the text, however many terms
 * there are, by an Aho-Corasick automaton ({@link TermTrie}) over the {@link CaseFold} form of both sides: matching is
 * case-insensitive with Unicode case folding, and NFKC-normalised ({@code ｂａｄ}, {@code ＢＡＤ} and {@code b\u200Bad}
 * all match {@code bad}; {@code café} matches {@code CAFÉ} written composed or decomposed, but not {@code cafe}:
 * accents count). A match must cover whole characters (the {@code s} of {@code ß} is not matched alone), and never
 * ends before a combining mark.
 * <p>Whole words (the default a guardrail config gives): a term that begins with a letter or digit must not have one
 * (or a combining mark) right before it, and one that ends with a letter or digit must not have one right after it,
 * so {@code ass} does not match {@code class}; punctuation at a term's edge needs no boundary ({@code c++}).
 * Invisible characters are looked through here too: {@code x\u200Bbad} is the word {@code xbad}.
 * Terms are stripped of surrounding whitespace. Findings have kind {@code "deny"}, sorted by start, non-overlapping
 * (the longest wins: {@code new york city} over {@code york}).
 * <p>Built once per guardrail config; immutable and thread-safe. Text without a match allocates nothing beyond the
 * empty list (once the fold cache holds its characters).
 */
public final class DenyList {
    /** Terms in one list. */
    public static final int MAX_TERMS = 1000;
    /** Characters in one term. */
    public static final int MAX_TERM_LENGTH = 200;
    /** The {@link Finding#kind()} of a deny-list finding. */
    public static final String KIND = "deny";

    private final TermTrie trie;
    private final boolean wholeWords;

    private DenyList(TermTrie trie, boolean wholeWords) {
        this.trie = trie;
        this.wholeWords = wholeWords;
    }

    /**
     * A deny list of {@code terms}, matched as whole words when {@code wholeWords}, else anywhere.
     *
     * @throws IllegalArgumentException with {@link #problem}'s message when the terms are not acceptable
     */
    public static DenyList of(List<String> terms, boolean wholeWords) {
        String problem = problem(terms);
        if (problem != null) throw new IllegalArgumentException(problem);
        LinkedHashSet<String> folded = new LinkedHashSet<>();
        for (String term : terms) folded.add(CaseFold.fold(term.strip()));
        return new DenyList(new TermTrie(new ArrayList<>(folded)), wholeWords);
    }

    /**
     * Why {@code terms} cannot be a deny list, naming the term ({@code terms[3]: must not be blank}), or null: at most
     * {@value #MAX_TERMS} terms, each present, not blank (nor only invisible characters) and at most
     * {@value #MAX_TERM_LENGTH} characters.
     */
    public static String problem(List<String> terms) {
        if (terms == null) return "terms: required";
        if (terms.size() > MAX_TERMS) return "terms: at most " + MAX_TERMS + " terms, got " + terms.size();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            if (term == null) return "terms[" + i + "]: required";
            if (term.length() > MAX_TERM_LENGTH) return "terms[" + i + "]: at most " + MAX_TERM_LENGTH + " characters";
            if (CaseFold.fold(term.strip()).isBlank()) return "terms[" + i + "]: must not be blank";
        }
        return null;
    }

    /** Every term in {@code text}, kind {@code "deny"}, as described on the class. */
    public List<Finding> find(CharSequence text) {
        List<Finding> out = null;
        int n = text.length();
        int state = 0;
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (c < 0x80) {
                state = trie.step(state, CaseFold.lower(c));
                i++;
                if (trie.firstTerm(state) >= 0) out = matches(text, i, state, out);
            } else {
                int cp = Character.codePointAt(text, i);
                String folded = CaseFold.of(cp);
                i += Character.charCount(cp);
                for (int k = 0; k < folded.length(); k++) state = trie.step(state, folded.charAt(k));
                if (!folded.isEmpty() && trie.firstTerm(state) >= 0) out = matches(text, i, state, out);
            }
        }
        return Overlaps.resolve(out);
    }

    /** The terms that end at {@code end} (a code point boundary) in {@code state}, where their edges allow. */
    private List<Finding> matches(CharSequence text, int end, int state, List<Finding> out) {
        if (end < text.length() && CaseFold.isMark(Character.codePointAt(text, end))) return out;
        for (int node = trie.firstTerm(state); node >= 0; node = trie.nextTerm(node)) {
            int start = startOf(text, end, trie.termLength(node));
            if (start < 0) continue;
            int flags = trie.termFlags(node);
            if (wholeWords && (flags & TermTrie.WORD_FIRST) != 0 && wordOrMarkBefore(text, start)) continue;
            if (wholeWords && (flags & TermTrie.WORD_LAST) != 0 && wordAfter(text, end)) continue;
            out = Overlaps.add(out, start, end, KIND);
        }
        return out;
    }

    /** Where the text whose folded form is the last {@code length} folded chars before {@code end} starts; -1 if mid-character. */
    private static int startOf(CharSequence text, int end, int length) {
        int p = end;
        int left = length;
        while (left > 0 && p > 0) {
            int cp = Character.codePointBefore(text, p);
            left -= cp < 0x80 ? 1 : CaseFold.of(cp).length();
            p -= Character.charCount(cp);
        }
        return left == 0 ? p : -1;
    }

    /** Whether a letter, digit or mark stands before {@code start}, looking through invisible characters. */
    private static boolean wordOrMarkBefore(CharSequence text, int start) {
        for (int p = start; p > 0; ) {
            int cp = Character.codePointBefore(text, p);
            if (cp >= 0x80 && CaseFold.of(cp).isEmpty()) {
                p -= Character.charCount(cp);
                continue;
            }
            return Character.isLetterOrDigit(cp) || CaseFold.isMark(cp);
        }
        return false;
    }

    /** Whether a letter or digit stands at {@code end}, looking through invisible characters. */
    private static boolean wordAfter(CharSequence text, int end) {
        for (int p = end; p < text.length(); ) {
            int cp = Character.codePointAt(text, p);
            if (cp >= 0x80 && CaseFold.of(cp).isEmpty()) {
                p += Character.charCount(cp);
                continue;
            }
            return Character.isLetterOrDigit(cp);
        }
        return false;
    }
}
