package dev.junction.engine.audit;

import dev.junction.engine.access.Principal;

/**
 * Who made a change, as the audit trail keeps it: the kind ({@code user}, {@code service}, {@code bootstrap}, or
 * {@code system} for the gateway itself), a stable id and a readable name. Kept as text, not as a
 * {@link Principal}: a row must read the same after the account is renamed or removed.
 */
public record AuditActor(String kind, String id, String name) {
    /** The gateway itself (a seeded demo, a change made at start). */
    public static final AuditActor SYSTEM = new AuditActor("system", "junction", "junction");

    public AuditActor {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("an actor needs a kind");
        if (id == null) id = "";
        if (name == null) name = id;
    }

    public static AuditActor of(Principal p) {
        return new AuditActor(p.kind().wire(), p.id(), p.name());
    }

    /** Someone who is not signed in (a failed sign-in names the account tried, if any, as the target). */
    public static AuditActor anonymous() {
        return new AuditActor("anonymous", "", "");
    }
}
