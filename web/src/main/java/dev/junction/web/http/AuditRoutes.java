package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.audit.Audit;
import dev.junction.engine.audit.AuditQuery;
import dev.junction.engine.audit.AuditRow;
import dev.junction.engine.audit.AuditVerification;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audit trail under {@code /api} (admin only):
 * <ul>
 *   <li>{@code GET /api/audit?actor=&action=&targetKind=&targetId=&from=&to=&limit=&cursor=}: entries newest first;
 *       {@code action} is a prefix ({@code provider.}), {@code actor} an actor's id or name, {@code cursor} the
 *       {@code next_cursor} of the previous page (a seq);</li>
 *   <li>{@code GET /api/audit/export} with the same filters: every matching entry oldest first as NDJSON, streamed
 *       (read in pages of {@link Audit#PAGE}: memory stays bounded however long the trail);</li>
 *   <li>{@code GET /api/audit/verify[?checkpoint=seq:hash]}: walks the hash chain from seq 1
 *       ({@code {ok, checked, firstBroken: {seq, reason}, head: {seq, hash}}}).</li>
 * </ul>
 */
public final class AuditRoutes implements Routes {
    private static final Set<String> FILTERS = Set.of("actor", "action", "targetKind", "targetId", "from", "to", "limit", "cursor");

    private final Audit audit;
    private final ObjectMapper mapper;

    public AuditRoutes(Audit audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/audit", this::list);
        routes.get("/api/audit/export", this::export);
        routes.get("/api/audit/verify", this::verify);
    }

    private void list(Context ctx) {
        AuditQuery query = query(ctx, QueryParams.integer(ctx, "limit", 50, 1, AuditQuery.MAX_LIMIT));
        List<AuditRow> rows = audit.find(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", rows.stream().map(AuditRoutes::json).toList());
        boolean more = rows.size() == query.limit() && rows.getLast().seq() > 1;
        body.put("next_cursor", more ? String.valueOf(rows.getLast().seq()) : null);
        body.put("has_more", more);
        ctx.json(body);
    }

    private void export(Context ctx) {
        AuditQuery query = query(ctx, Audit.PAGE);
        if (query.beforeSeq() != null) throw ApiError.badRequest("cursor", "the export has no pages: it streams every matching entry");
        ctx.contentType("application/x-ndjson");
        ctx.header("Content-Disposition", "attachment; filename=\"junction-audit.ndjson\"");
        OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
        try {
            audit.export(query, row -> {
                try {
                    out.write(mapper.writeValueAsBytes(json(row)));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void verify(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("checkpoint")) throw ApiError.badRequest(name, "not a parameter of verify (only checkpoint=seq:hash)");
        }
        AuditVerification.Checkpoint checkpoint = null;
        String raw = QueryParams.text(ctx, "checkpoint");
        if (raw != null) {
            try {
                checkpoint = AuditVerification.Checkpoint.parse(raw);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("checkpoint", e.getMessage());
            }
        }
        ctx.json(verification(audit.verify(checkpoint)));
    }

    /** The verify answer, shared with the CLI's JSON output. */
    public static Map<String, Object> verification(AuditVerification v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", v.ok());
        out.put("checked", v.checked());
        out.put("firstBroken", v.firstBroken() == null ? null
                : Map.of("seq", v.firstBroken().seq(), "reason", v.firstBroken().reason()));
        out.put("head", v.head() == null ? null : Map.of("seq", v.head().seq(), "hash", v.head().hash()));
        return out;
    }

    private static AuditQuery query(Context ctx, int limit) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!FILTERS.contains(name)) throw ApiError.badRequest(name, "not a filter of the audit API");
        }
        Instant from = QueryParams.instant(ctx, "from");
        Instant to = QueryParams.instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) throw ApiError.badRequest("to", "must be after from");
        Long cursor = null;
        String c = QueryParams.text(ctx, "cursor");
        if (c != null) {
            try {
                cursor = Long.parseLong(c.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("cursor", "not a cursor from a previous page's next_cursor");
            }
        }
        return new AuditQuery(QueryParams.text(ctx, "actor"), QueryParams.text(ctx, "action"), QueryParams.text(ctx, "targetKind"),
                QueryParams.text(ctx, "targetId"), from, to, cursor, limit);
    }

    /** An entry as the API and the export show it: every field that is hashed, and the hashes. */
    static Map<String, Object> json(AuditRow r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", r.seq());
        out.put("at", dev.junction.engine.audit.AuditChain.at(r.at()));
        out.put("actor", Map.of("kind", r.actor().kind(), "id", r.actor().id(), "name", r.actor().name()));
        out.put("ip", r.ip());
        out.put("userAgent", r.userAgent());
        out.put("action", r.action());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("kind", r.targetKind());
        target.put("id", r.targetId());
        out.put("target", target);
        out.put("before", r.before());
        out.put("after", r.after());
        out.put("diff", r.diff());
        out.put("prevHash", r.prevHash());
        out.put("hash", r.hash());
        return out;
    }
}
