package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.store.JooqLogQueries;
import dev.junction.store.LogFilter;
import dev.junction.store.LogScope;
import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The logs API: {@code GET /api/logs} (filters, newest first, an opaque cursor on (created_at, id)),
 * {@code GET /api/logs/{id}} (everything recorded, with feedback), and metadata added after the fact:
 * {@code PATCH /api/logs/{id}/metadata} with an admin token, {@code PATCH /v2/logs/{id}/metadata} with an API key.
 * An API key reaches only the requests made with it: another key's request id is answered as an unknown one.
 */
public final class LogsRoutes implements Routes {
    static final Set<String> STATUSES = Set.of("success", "error", "truncated", "cancelled", "mocked");
    static final Set<String> SOURCES = Set.of("API", "SDK", "SIMULATOR", "JUDGE");
    static final Set<String> EVALUATIONS = Set.of("Matched", "Default Matched");
    private static final Set<String> PARAMETERS = Set.of("deployment", "variant", "evaluation", "source", "status",
            "from", "to", "identity", "thread", "limit", "cursor", "apiKey", "score", "scoreMin", "scoreMax", "scorePassed");

    private final JooqLogQueries logs;
    /** Every deployment's project and folder, by key. */
    private final java.util.function.Supplier<Map<String, AccessRules.Place>> places;
    private final ApiKeys apiKeys;
    private final ObjectMapper mapper;

    public LogsRoutes(JooqLogQueries logs, ApiKeys apiKeys, ObjectMapper mapper,
                      java.util.function.Supplier<Map<String, AccessRules.Place>> places) {
        this.places = places;
        this.logs = logs;
        this.apiKeys = apiKeys;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/logs", this::list);
        routes.get("/api/logs/{id}", this::detail);
        routes.patch("/api/logs/{id}/metadata", ctx -> {
            requireEditOn(ctx, id(ctx.pathParam("id"), "id"));
            patchMetadata(ctx, LogScope.ADMIN);
        });
        routes.patch("/v2/logs/{id}/metadata", ctx -> patchMetadata(ctx, LogScope.apiKey(ApiKeyAuth.require(ctx, apiKeys).id())));
    }

    private void list(Context ctx) {
        Map<String, String> metadata = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.startsWith("metadata.") && name.length() > "metadata.".length()) {
                metadata.put(name.substring("metadata.".length()), values.getLast());
            } else if (!PARAMETERS.contains(name)) {
                throw ApiError.badRequest(name, "not a filter of the logs API");
            }
        });
        String evaluation = QueryParams.text(ctx, "evaluation");
        if (evaluation != null && !EVALUATIONS.contains(evaluation)) {
            throw ApiError.badRequest("evaluation", "must be 'Matched' or 'Default Matched'");
        }
        Instant from = QueryParams.instant(ctx, "from");
        Instant to = QueryParams.instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) throw ApiError.badRequest("to", "must be after from");
        LogFilter filter = new LogFilter(QueryParams.text(ctx, "deployment"), QueryParams.list(ctx, "variant"), evaluation,
                QueryParams.oneOf(ctx, "source", SOURCES, true), QueryParams.oneOf(ctx, "status", STATUSES, false),
                from, to, metadata, QueryParams.text(ctx, "identity"), QueryParams.text(ctx, "thread"),
                QueryParams.integer(ctx, "limit", 50, 1, 500), cursor(QueryParams.text(ctx, "cursor")),
                apiKeyId(QueryParams.text(ctx, "apiKey")), within(ctx)).withScores(scoreFilter(ctx));
        JooqLogQueries.Page page = logs.search(filter);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.rows());
        body.put("next_cursor", page.next() == null ? null : encode(page.next()));
        body.put("has_more", page.next() != null);
        ctx.json(body);
    }

    /**
     * {@code score=NAME} keeps the requests an evaluator of that name scored, {@code scoreMin}/{@code scoreMax} (inclusive)
     * bound its value and {@code scorePassed=true|false} its pass; none of the three without {@code score}.
     */
    private static List<LogFilter.ScoreFilter> scoreFilter(Context ctx) {
        String name = QueryParams.text(ctx, "score");
        Double min = number(ctx, "scoreMin");
        Double max = number(ctx, "scoreMax");
        String passedText = QueryParams.text(ctx, "scorePassed");
        Boolean passed = null;
        if (passedText != null) {
            if (!passedText.equals("true") && !passedText.equals("false")) throw ApiError.badRequest("scorePassed", "must be true or false");
            passed = Boolean.valueOf(passedText);
        }
        if (name == null) {
            for (String p : new String[] {"scoreMin", "scoreMax", "scorePassed"}) {
                if (ctx.queryParam(p) != null) throw ApiError.badRequest(p, "needs score: the name of the evaluator");
            }
            return List.of();
        }
        if (min != null && max != null && min > max) throw ApiError.badRequest("scoreMax", "must not be below scoreMin");
        return List.of(new LogFilter.ScoreFilter(name, min, max, passed));
    }

    private static Double number(Context ctx, String name) {
        String text = QueryParams.text(ctx, name);
        if (text == null) return null;
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "must be a number");
        }
    }

    /** The deployments a principal whose grants do not cover everything may read the logs of; null: all. */
    private java.util.Set<String> within(Context ctx) {
        Principal principal = Auth.principal(ctx);
        if (principal.canEverywhere(Permission.VIEW)) return null;
        return places.get().entrySet().stream()
                .filter(e -> principal.can(Permission.VIEW, e.getValue().project(), e.getValue().folder()))
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    }

    private void detail(Context ctx) {
        UUID id = id(ctx.pathParam("id"), "id");
        Map<String, Object> entry = logs.find(id).orElseThrow(() -> notFound(id));
        Principal principal = Auth.principal(ctx);
        AccessRules.Place place = places.get().get(String.valueOf(entry.get("deployment")));
        boolean everywhere = principal.canEverywhere(Permission.VIEW);
        if (!everywhere && (place == null || !principal.can(Permission.VIEW, place.project(), place.folder()))) {
            throw notFound(id); // outside the caller's scope: as if it did not exist
        }
        boolean bodies = place == null ? principal.canEverywhere(Permission.READ_BODIES)
                : principal.can(Permission.READ_BODIES, place.project(), place.folder());
        if (!bodies) entry = withoutBodies(entry);
        ctx.json(entry);
    }

    /** A principal whose edit grants do not cover everything may only annotate requests to deployments they cover. */
    private void requireEditOn(Context ctx, UUID id) {
        Principal principal = Auth.principal(ctx);
        if (principal.canEverywhere(Permission.EDIT)) return;
        Map<String, Object> entry = logs.find(id).orElseThrow(() -> notFound(id));
        AccessRules.Place place = places.get().get(String.valueOf(entry.get("deployment")));
        if (place == null || !principal.can(Permission.EDIT, place.project(), place.folder())) throw notFound(id);
    }

    /** The entry without what the caller sent and what the model answered (needs the bodies permission). */
    static Map<String, Object> withoutBodies(Map<String, Object> entry) {
        Map<String, Object> out = new LinkedHashMap<>(entry);
        for (String body : BODIES) out.remove(body);
        Object attempts = out.get("attempts");
        if (attempts instanceof List<?> list) {
            out.put("attempts", list.stream().map(a -> {
                if (!(a instanceof Map<?, ?> attempt)) return a;
                Map<Object, Object> kept = new LinkedHashMap<>(attempt);
                for (String body : ATTEMPT_BODIES) kept.remove(body);
                return kept;
            }).toList());
        } else if (attempts != null) {
            out.remove("attempts"); // attempts cut as a whole by the text bound: the cut text may hold bodies
        }
        // a judge's reason may quote the answer it scored: kept with the bodies
        if (out.get("scores") instanceof List<?> scores) {
            out.put("scores", scores.stream().map(x -> {
                if (!(x instanceof Map<?, ?> score)) return x;
                Map<Object, Object> kept = new LinkedHashMap<>(score);
                kept.remove("reason");
                return kept;
            }).toList());
        }
        // so may a judge's or a callout's reason for a guardrail verdict (the detectors' say only what kind they found)
        if (out.get("guardrails") != null && !(out.get("guardrails") instanceof List<?>)) {
            out.remove("guardrails"); // cut as a whole by the text bound: the cut text may hold a judge's reasons
        } else if (out.get("guardrails") instanceof List<?> guardrails) {
            out.put("guardrails", guardrails.stream().map(x -> {
                if (!(x instanceof Map<?, ?> g) || !("judge".equals(g.get("kind")) || "http".equals(g.get("kind")))) return x;
                Map<Object, Object> kept = new LinkedHashMap<>(g);
                kept.remove("reason");
                return kept;
            }).toList());
        }
        out.put("bodiesHidden", true);
        return out;
    }

    /** What an attempt keeps of the answer (tool calls with their arguments, reasoning text): bodies too. */
    static final List<String> ATTEMPT_BODIES = List.of("toolCalls", "reasoning");

    static final List<String> BODIES = List.of("inputs", "messages", "answer", "request", "reasoning", "toolCalls");

    private void patchMetadata(Context ctx, LogScope scope) {
        UUID id = id(ctx.pathParam("id"), "id");
        Map<String, Object> changes = JsonBody.of(mapper, ctx.body()).toMap();
        Map<String, Object> merged;
        try {
            merged = logs.mergeMetadata(id, changes, scope).orElseThrow(() -> notFound(id));
        } catch (JooqLogQueries.MetadataTooLarge e) {
            throw ApiError.unprocessable(List.of(new dev.junction.engine.deployment.FieldError("body", e.getMessage())));
        }
        ctx.json(Map.of("id", id.toString(), "metadata", merged));
    }

    static ApiError notFound(UUID id) {
        return new ApiError(404, "no logged request " + id + " (log entries are written a moment after the answer)", List.of(), null);
    }

    /** A request id: a UUID, with or without its dashes (the telemetry trace_id form). */
    static UUID id(String text, String name) {
        String t = text == null ? "" : text.strip();
        if (t.matches("[0-9a-fA-F]{32}")) {
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20) + "-" + t.substring(20);
        }
        try {
            if (t.length() == 36) return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw ApiError.badRequest(name, "'" + text + "' is not a request id");
    }

    private static UUID apiKeyId(String text) {
        if (text == null) return null;
        try {
            if (text.strip().length() == 36) return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw ApiError.badRequest("apiKey", "'" + text + "' is not an API key id (the id GET /api/keys lists)");
    }

    static String encode(LogFilter.Cursor c) {
        long micros = c.createdAt().getEpochSecond() * 1_000_000L + c.createdAt().getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + c.id()).getBytes(StandardCharsets.UTF_8));
    }

    static LogFilter.Cursor cursor(String text) {
        if (text == null) return null;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
            long micros = Long.parseLong(parts[0]);
            return new LogFilter.Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiError.badRequest("cursor", "not a cursor from a previous page's next_cursor");
        }
    }
}
