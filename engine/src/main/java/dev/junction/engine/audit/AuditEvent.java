package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One change to record: who, from where, what (an action such as {@code provider.update} and its target), and the
 * state of the target before and after. Built by name:
 * {@code AuditEvent.of(actor, "deployment.deploy").target("deployment", key).states(before, after).client(ip, agent)}.
 * <p>
 * {@link Audit#record} fills {@code at} when it is null, computes {@code diff} from {@code before} and {@code after},
 * and redacts secrets from all three ({@link Redaction}); a caller never passes a diff.
 *
 * @param before the target's state before the change (null: it did not exist, or it has no state worth keeping)
 * @param after  the target's state after it (null: removed), or what was asked (a request body) when no state is known
 */
public record AuditEvent(Instant at, AuditActor actor, String ip, String userAgent, String action,
                         String targetKind, String targetId, JsonNode before, JsonNode after) {
    public AuditEvent {
        if (actor == null) throw new IllegalArgumentException("an audit event needs an actor");
        if (action == null || action.isBlank()) throw new IllegalArgumentException("an audit event needs an action");
    }

    public static AuditEvent of(AuditActor actor, String action) {
        return new AuditEvent(null, actor, null, null, action, null, null, null, null);
    }

    public AuditEvent target(String kind, String id) {
        return new AuditEvent(at, actor, ip, userAgent, action, kind, id, before, after);
    }

    public AuditEvent client(String ip, String userAgent) {
        return new AuditEvent(at, actor, ip, userAgent, action, targetKind, targetId, before, after);
    }

    public AuditEvent states(JsonNode before, JsonNode after) {
        return new AuditEvent(at, actor, ip, userAgent, action, targetKind, targetId, before, after);
    }

    public AuditEvent at(Instant at) {
        return new AuditEvent(at, actor, ip, userAgent, action, targetKind, targetId, before, after);
    }
}
