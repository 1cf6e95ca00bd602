package dev.junction.engine.guard.detect;

/**
 * IPv6 addresses: eight groups of 1-4 hex digits, or fewer with one {@code ::} standing for the zero groups
 * ({@code 2001:db8::1}, {@code ::1}, {@code fe80::}), optionally ending in a dotted IPv4 address that counts as two
 * groups ({@code ::ffff:192.0.2.1}). A lone {@code ::}, times ({@code 10:30:00}) and MAC addresses (six groups)
 * are not addresses; neither is a colon run glued to a word ({@code std::vector}).
 */
final class Ipv6Scan {
    private Ipv6Scan() {}

    /** Whether a colon stands within the first five characters from {@code s}: the cheap test before {@link #end}. */
    static boolean mayStart(CharSequence t, int s) {
        int stop = Math.min(t.length(), s + 5);
        for (int i = s; i < stop; i++) {
            char c = t.charAt(i);
            if (c == ':') return true;
            if (!Chars.isHex(c)) return false;
        }
        return false;
    }

    /** The end of the address that starts at {@code s} (not after a word character or a colon), or -1. */
    static int end(CharSequence t, int s) {
        int n = t.length();
        int j = s;
        int groups = 0;
        boolean compressed = false;
        if (t.charAt(j) == ':') {
            if (Chars.at(t, j + 1) != ':') return -1;
            compressed = true;
            j += 2;
        }
        while (j < n) {
            int k = j;
            while (k < n && k - j < 5 && Chars.isHex(t.charAt(k))) k++;
            if (k == j) break; // only right after "::"
            if (k - j > 4) return -1;
            if (Chars.at(t, k) == '.') { // the IPv4 tail
                int v4 = ipv4End(t, j);
                if (v4 < 0 || groups > 6) return -1;
                groups += 2;
                j = v4;
                break;
            }
            if (++groups > 8) return -1;
            j = k;
            if (Chars.at(t, j) != ':') break;
            if (Chars.at(t, j + 1) == ':') {
                if (compressed) return -1;
                compressed = true;
                j += 2;
            } else if (Chars.isHex(Chars.at(t, j + 1))) {
                j++;
            } else {
                break;
            }
        }
        if (groups == 0 || (compressed ? groups > 7 : groups != 8)) return -1;
        if (Chars.wordAt(t, j) || Chars.at(t, j) == '.' && Chars.isDigit(Chars.at(t, j + 1))) return -1;
        return j;
    }

    private static int ipv4End(CharSequence t, int s) {
        int j = s;
        while (j < t.length() && (Chars.isDigit(t.charAt(j)) || t.charAt(j) == '.')) j++;
        while (j > s && t.charAt(j - 1) == '.') j--;
        return NumberKinds.ipv4(t, s, j) ? j : -1;
    }
}
