package dev.junction.engine.guard.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over folded terms ({@link CaseFold}): one step per folded character of the text finds
 * every term ending there, whatever the number of terms. Nodes are arrays, not objects: the root's ASCII children in a
 * table, every other node's children as a sorted char array searched by bisection (most nodes have one child).
 * Immutable once built, so shared across threads.
 */
final class TermTrie {
    /** Flags of a term: whether its first / last folded character is a letter or digit (a word boundary matters). */
    static final int WORD_FIRST = 1;
    static final int WORD_LAST = 2;

    private final int[] rootAscii = new int[0x80];
    private final char[][] keys;
    private final int[][] targets;
    private final int[] fail;
    /** The folded length of the term that ends at a node, 0 where none does. */
    private final int[] termLength;
    private final int[] termFlags;
    /** The nearest node down the failure chain where a term ends, -1 if none. */
    private final int[] nextTerm;

    TermTrie(List<String> foldedTerms) {
        List<TreeMap<Character, Integer>> children = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        children.add(new TreeMap<>());
        lengths.add(0);
        for (String term : foldedTerms) {
            int node = 0;
            for (int k = 0; k < term.length(); k++) {
                Integer next = children.get(node).get(term.charAt(k));
                if (next == null) {
                    next = children.size();
                    children.get(node).put(term.charAt(k), next);
                    children.add(new TreeMap<>());
                    lengths.add(0);
                }
                node = next;
            }
            lengths.set(node, term.length());
        }
        int size = children.size();
        keys = new char[size][];
        targets = new int[size][];
        termLength = new int[size];
        termFlags = new int[size];
        for (int node = 0; node < size; node++) {
            TreeMap<Character, Integer> map = children.get(node);
            keys[node] = new char[map.size()];
            targets[node] = new int[map.size()];
            int k = 0;
            for (var e : map.entrySet()) {
                keys[node][k] = e.getKey();
                targets[node][k++] = e.getValue();
            }
            termLength[node] = lengths.get(node);
        }
        for (int k = 0; k < keys[0].length; k++) {
            if (keys[0][k] < 0x80) rootAscii[keys[0][k]] = targets[0][k];
        }
        for (String term : foldedTerms) {
            termFlags[nodeOf(term)] = (Character.isLetterOrDigit(term.codePointAt(0)) ? WORD_FIRST : 0)
                    | (Character.isLetterOrDigit(term.codePointBefore(term.length())) ? WORD_LAST : 0);
        }
        fail = new int[size];
        nextTerm = new int[size];
        link();
    }

    /** Breadth first: a node's failure link is the longest proper suffix of its path that is also a path. */
    private void link() {
        nextTerm[0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            fail[child] = 0;
            nextTerm[child] = -1;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int k = 0; k < keys[node].length; k++) {
                int child = targets[node][k];
                fail[child] = step(fail[node], keys[node][k]);
                int f = fail[child];
                nextTerm[child] = termLength[f] > 0 ? f : nextTerm[f];
                queue.add(child);
            }
        }
    }

    private int nodeOf(String term) {
        int node = 0;
        for (int k = 0; k < term.length(); k++) node = child(node, term.charAt(k));
        return node;
    }

    /** The state after reading {@code c} in {@code state}. */
    int step(int state, char c) {
        while (true) {
            int next = child(state, c);
            if (next > 0) return next;
            if (state == 0) return 0;
            state = fail[state];
        }
    }

    private int child(int node, char c) {
        if (node == 0 && c < 0x80) return rootAscii[c];
        char[] k = keys[node];
        int lo = 0, hi = k.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (k[mid] < c) lo = mid + 1;
            else if (k[mid] > c) hi = mid - 1;
            else return targets[node][mid];
        }
        return -1;
    }

    /** The first node at or below {@code state} on the failure chain where a term ends, -1 if none. */
    int firstTerm(int state) {
        return termLength[state] > 0 ? state : nextTerm[state];
    }

    /** The next such node after {@code node}, -1 if none. */
    int nextTerm(int node) {
        return nextTerm[node];
    }

    int termLength(int node) {
        return termLength[node];
    }

    int termFlags(int node) {
        return termFlags[node];
    }
}
