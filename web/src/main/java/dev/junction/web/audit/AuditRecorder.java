package dev.junction.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.engine.access.Principal;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.CanonicalJson;
import dev.junction.engine.audit.Redaction;
import dev.junction.web.http.Auth;
import dev.junction.web.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every state-changing {@code /api} request (POST, PUT, PATCH, DELETE) that succeeded, without a line in any
 * route's handler: before the handler runs it takes the target's state with the route's {@link AuditSnapshots} entry
 * (found by the matched endpoint's method and path template), after it, if the answer is 2xx, the state again, and
 * records who (the request's {@link Principal}), from where ({@code ctx.ip()}: the peer's address; an
 * {@code X-Forwarded-For} header is not trusted, anyone can send one), what and the two states.
 * <p>
 * Recorded synchronously, after the change and before the answer is sent: an answered change has been appended, or
 * (database failing) logged at ERROR and queued for a retry ({@link dev.junction.engine.audit.Audit}). The request is
 * never failed for it: the change is already made, a 5xx would not undo it. A failed request (4xx, 5xx) changed
 * nothing and is not recorded. The two snapshots are not taken in the change's transaction: a concurrent change of
 * the same target between them shows in both entries' states (the diffs still add up, in seq order).
 */
public final class AuditRecorder implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);
    private static final String STATE = "junction.audit.pending";
    /** A request body recorded for a route without an entry is cut to this (its canonical, redacted JSON). */
    static final int BODY_MAX = 16 * 1024;

    private final AuditTrail trail;
    private final ObjectMapper mapper;

    private record Pending(AuditSnapshots.Entry entry, Endpoint endpoint, AuditCall call, JsonNode before, String targetId,
                           Principal principal) {}

    public AuditRecorder(AuditTrail trail, ObjectMapper mapper) {
        this.trail = trail;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.beforeMatched("/api/*", this::before);
        routes.afterMatched("/api/*", this::after);
    }

    private void before(Context ctx) {
        if (!CHANGES.contains(ctx.method())) return;
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        Principal principal = ctx.attribute(Auth.PRINCIPAL);
        if (endpoint == null || principal == null) return;
        AuditSnapshots.Entry entry = trail.snapshots().find(endpoint.method, endpoint.path).orElse(null);
        if (entry != null && !entry.recorded()) return;
        AuditCall call = new AuditCall(ctx, ctx.pathParamMap(), mapper);
        JsonNode before = entry == null ? null : take(entry.before(), call, endpoint);
        String targetId = entry == null || entry.targetId() == null ? null : id(entry.targetId(), call, endpoint);
        ctx.attribute(STATE, new Pending(entry, endpoint, call, before, targetId, principal));
    }

    private void after(Context ctx) {
        Pending p = ctx.attribute(STATE);
        if (p == null) return;
        ctx.attribute(STATE, null);
        int status = ctx.statusCode();
        if (status < 200 || status > 299) return;
        AuditEvent event = AuditEvent.of(AuditActor.of(p.principal()), action(p))
                .client(ctx.ip(), ctx.userAgent());
        if (p.entry() == null) {
            event = event.target("route", ctx.path()).states(null, body(ctx));
        } else {
            String id = p.targetId() != null ? p.targetId()
                    : p.entry().afterTargetId() == null ? null : id(p.entry().afterTargetId(), p.call(), p.endpoint());
            event = event.target(p.entry().targetKind(), id).states(p.before(), take(p.entry().after(), p.call(), p.endpoint()));
        }
        trail.record(event);
    }

    private static String action(Pending p) {
        return p.entry() == null ? p.endpoint().method.name() + " " + p.endpoint().path : p.entry().action();
    }

    private static JsonNode take(AuditSnapshots.Snapshot snapshot, AuditCall call, Endpoint e) {
        if (snapshot == null) return null;
        try {
            return snapshot.take(call);
        } catch (RuntimeException ex) { // not there (a 404 from the store: before a create, after a delete)
            LOG.debug("audit snapshot of {} {} found nothing: {}", e.method, e.path, ex.toString());
            return null;
        }
    }

    private static String id(Function<AuditCall, String> fn, AuditCall call, Endpoint e) {
        try {
            return fn.apply(call);
        } catch (RuntimeException ex) {
            LOG.warn("audit target id of {} {} could not be read: {}", e.method, e.path, ex.toString());
            return null;
        }
    }

    /** The request body of a route without an entry: its JSON redacted (cut to {@link #BODY_MAX}), or only its size. */
    private JsonNode body(Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("bytes", raw.length);
        if (raw.length == 0) return out;
        JsonNode json;
        try {
            json = mapper.readTree(raw);
        } catch (java.io.IOException e) {
            out.put("note", "not JSON: not kept (a free text cannot be redacted)");
            return out;
        }
        JsonNode redacted = Redaction.redact(json);
        String canonical = CanonicalJson.write(redacted);
        if (canonical.getBytes(StandardCharsets.UTF_8).length <= BODY_MAX) {
            out.set("body", redacted);
        } else {
            out.put("truncated", true);
            out.put("bodyText", cutUtf8(canonical, BODY_MAX));
        }
        return out;
    }

    private static String cutUtf8(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) break;
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
