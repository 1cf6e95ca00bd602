package dev.junction.web.sso;

/**
 * Where a browser may be sent after signing in: a path of this gateway's panel ({@code /panel}, {@code /panel/...},
 * {@code /panel/#/...}), never another site. Anything else (an absolute URL, {@code //host}, a backslash, control
 * characters, another path) is replaced by the panel's start page: an open-redirect guard.
 */
final class NextPath {
    static final String DEFAULT = "/panel/";
    static final int MAX_LENGTH = 2048;

    private NextPath() {}

    static String safe(String next) {
        if (next == null || next.isEmpty() || next.length() > MAX_LENGTH) return DEFAULT;
        if (!(next.equals("/panel") || next.startsWith("/panel/") || next.startsWith("/panel#") || next.startsWith("/panel?"))) {
            return DEFAULT;
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c == '\\' || c < 0x21 || c == 0x7f) return DEFAULT;
        }
        return next;
    }
}
