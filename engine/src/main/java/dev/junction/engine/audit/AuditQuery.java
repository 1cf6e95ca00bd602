package dev.junction.engine.audit;

import java.time.Instant;

/**
 * A filter on the audit trail; every part may be null (no filter). Pages go from the newest back: {@code beforeSeq}
 * is the cursor (the smallest seq of the previous page).
 *
 * @param actor        an actor's id or name, exactly
 * @param actionPrefix {@code provider.} matches {@code provider.update} and {@code provider.delete}; a whole action
 *                     matches itself
 * @param from         inclusive
 * @param to           exclusive
 */
public record AuditQuery(String actor, String actionPrefix, String targetKind, String targetId, Instant from, Instant to,
                         Long beforeSeq, int limit) {
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }

    public AuditQuery beforeSeq(Long seq) {
        return new AuditQuery(actor, actionPrefix, targetKind, targetId, from, to, seq, limit);
    }
}
