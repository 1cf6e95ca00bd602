package dev.junction.engine.review;

import java.util.Locale;

/**
 * Where a deploy request stands. Only a pending one can be decided; every other status is final.
 * {@code superseded}: a newer request for the same deployment replaced it, or the live version changed before it was
 * approved (it was made against a version that is no longer live).
 */
public enum ReviewStatus {
    PENDING, APPROVED, REJECTED, SUPERSEDED, WITHDRAWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelled as on the wire, or null for an unknown spelling. */
    public static ReviewStatus parse(String wire) {
        for (ReviewStatus s : values()) if (s.wire().equals(wire)) return s;
        return null;
    }
}
