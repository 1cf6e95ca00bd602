package dev.junction.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the audit trail records for each state-changing {@code /api} route, keyed by method and path template exactly
 * as the route was registered ({@code PUT /api/providers/{name}}). An entry names the action
 * ({@code provider.save}), the target (kind and a function of the call for its id) and how to take a snapshot of the
 * target's state before and after the change (secrets may be in a snapshot: the trail redacts them, and compares
 * their real values so a changed secret shows as changed).
 * <p>
 * A route without an entry is still recorded (action {@code "PUT /api/things/{id}"}, the request body as "after"),
 * but {@code AuditCoverageTest} fails the build for it: a new route registers its entry next to its wiring, e.g.
 * <pre>{@code
 * snapshots.register(HandlerType.POST, "/api/reviews/{id}/approve", "review.approve", "review",
 *         call -> call.param("id"), call -> call.tree(reviews.view(call.param("id"))));
 * }</pre>
 */
public final class AuditSnapshots {
    /** A target's state, or null when there is none (before a create, after a delete); may throw (read as null). */
    @FunctionalInterface
    public interface Snapshot {
        JsonNode take(AuditCall call);
    }

    /**
     * One route's audit entry.
     *
     * @param targetId null when the target is only known after the handler ran; then {@code afterTargetId} gives it
     * @param reason   for a route that changes nothing ({@link #readOnly}): why it is not recorded; otherwise null
     */
    public record Entry(HandlerType method, String path, String action, String targetKind,
                        Function<AuditCall, String> targetId, Function<AuditCall, String> afterTargetId,
                        Snapshot before, Snapshot after, String reason) {
        public boolean recorded() {
            return reason == null;
        }
    }

    private final Map<String, Entry> entries = Collections.synchronizedMap(new LinkedHashMap<>());

    /** A route whose target is known from the path, with one snapshot function for both states. */
    public AuditSnapshots register(HandlerType method, String path, String action, String targetKind,
                                   Function<AuditCall, String> targetId, Snapshot state) {
        return add(new Entry(method, path, action, targetKind, targetId, null, state, state, null));
    }

    /**
     * A route that creates its target: nothing before, the id and the state read from what the handler answered
     * (or from the store by that id). {@code before} may still be given (an import that replaces an existing one).
     */
    public AuditSnapshots registerCreate(HandlerType method, String path, String action, String targetKind,
                                         Function<AuditCall, String> targetIdFromResponse, Snapshot before, Snapshot after) {
        return add(new Entry(method, path, action, targetKind, null, targetIdFromResponse, before, after, null));
    }

    /** A route with different before and after functions. */
    public AuditSnapshots register(HandlerType method, String path, String action, String targetKind,
                                   Function<AuditCall, String> targetId, Snapshot before, Snapshot after) {
        return add(new Entry(method, path, action, targetKind, targetId, null, before, after, null));
    }

    /** A POST that changes nothing (a simulation, a test run): named here so the coverage test knows it was decided. */
    public AuditSnapshots readOnly(HandlerType method, String path, String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("say why " + method + " " + path + " changes nothing");
        return add(new Entry(method, path, null, null, null, null, null, null, reason));
    }

    public Optional<Entry> find(HandlerType method, String path) {
        return Optional.ofNullable(entries.get(key(method, path)));
    }

    public Collection<Entry> entries() {
        synchronized (entries) {
            return java.util.List.copyOf(entries.values());
        }
    }

    private AuditSnapshots add(Entry e) {
        if (!e.path().startsWith("/api/")) throw new IllegalArgumentException("only /api routes are audited: " + e.path());
        if (entries.putIfAbsent(key(e.method(), e.path()), e) != null) {
            throw new IllegalStateException("two audit entries for " + key(e.method(), e.path()));
        }
        return this;
    }

    static String key(HandlerType method, String path) {
        return method.name() + " " + path;
    }
}
