package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.support.Ids;
import dev.junction.store.JooqFeedback;
import dev.junction.store.JooqLogQueries;
import dev.junction.store.LogScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Feedback in the Orquesta shape, with an API key. {@code POST /v2/feedback}
 * {@code {id?, property, value: string | number | string[], trace_id, product?}} sets {@code property} of the logged
 * request {@code trace_id} (the invoke answer's {@code id}, or its {@code telemetry.trace_id}) and answers
 * {@code 200 {id, property, value, trace_id, product}}; one value per property, so sending a property again replaces
 * it; with {@code id}, that feedback is changed. {@code POST /v2/feedback/remove} {@code {id, trace_id, product}}
 * removes one. 400 for a malformed body, 404 for an unknown request or feedback. A key reaches only the requests
 * made with it: another key's request is answered exactly as an unknown one.
 * <p>Log rows are written a moment after the answer: feedback on a request younger than a minute that is not in
 * the log yet waits for it, up to 3 seconds.
 */
public final class FeedbackRoutes implements Routes {
    static final Set<String> PRODUCTS = Set.of("remoteconfigs", "deployments", "experiments", "playgrounds", "spreadsheets",
            "spreadsheet_run", "llm_evaluator", "knowledge", "router", "workflows", "external_events", "agents",
            "memory-stores", "generic", "evaluators", "otel", "ai-chat", "mcp_gateway");
    private static final Duration WAIT = Duration.ofSeconds(3);

    private final ApiKeys apiKeys;
    private final JooqFeedback feedback;
    private final JooqLogQueries logs;
    private final ObjectMapper mapper;
    private final Clock clock;

    public FeedbackRoutes(ApiKeys apiKeys, JooqFeedback feedback, JooqLogQueries logs, ObjectMapper mapper, Clock clock) {
        this.apiKeys = apiKeys;
        this.feedback = feedback;
        this.logs = logs;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v2/feedback", this::create);
        routes.post("/v2/feedback/remove", this::remove);
    }

    private void create(Context ctx) {
        LogScope scope = LogScope.apiKey(ApiKeyAuth.require(ctx, apiKeys).id());
        JsonBody body = JsonBody.of(mapper, ctx.body());
        String property = required(body, "property");
        Object value = value(body.get("value"));
        String traceId = required(body, "trace_id");
        String product = product(body);
        String idText = body.text("id");
        UUID requestId = LogsRoutes.id(traceId, "trace_id");
        awaitLogged(requestId, scope);
        JooqFeedback.Feedback saved = idText == null
                ? feedback.save(requestId, property, value, product)
                : feedback.update(LogsRoutes.id(idText, "id"), requestId, property, value, product)
                        .orElseThrow(() -> new ApiError(404, "no feedback " + idText + " on request " + traceId, List.of(), null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", saved.id().toString());
        out.put("property", saved.property());
        out.put("value", saved.value());
        out.put("trace_id", traceId);
        out.put("product", saved.product());
        ctx.json(out);
    }

    private void remove(Context ctx) {
        LogScope scope = LogScope.apiKey(ApiKeyAuth.require(ctx, apiKeys).id());
        JsonBody body = JsonBody.of(mapper, ctx.body());
        String idText = required(body, "id");
        String traceId = required(body, "trace_id");
        String product = product(body);
        UUID feedbackId = LogsRoutes.id(idText, "id");
        UUID requestId = LogsRoutes.id(traceId, "trace_id");
        if (!logs.exists(requestId, scope) || !feedback.remove(feedbackId, requestId)) {
            throw new ApiError(404, "no feedback " + idText + " on request " + traceId, List.of(), null);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", idText);
        out.put("trace_id", traceId);
        out.put("product", product);
        ctx.json(out);
    }

    private void awaitLogged(UUID requestId, LogScope scope) {
        if (logs.exists(requestId, scope)) return;
        long idMillis = Ids.timeOf(requestId).map(Instant::toEpochMilli).orElse(0L);
        long age = clock.millis() - idMillis;
        if (age >= -1_000 && age < 60_000) { // a minute old at most (a second ahead for clock skew); an id from the future is no request of ours
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (logs.exists(requestId, scope)) return;
            }
        }
        throw new ApiError(404, "no logged request " + requestId, List.of(), null);
    }

    private static String required(JsonBody body, String field) {
        return body.requiredText(field, "a non-empty string");
    }

    private static String product(JsonBody body) {
        String p = body.text("product");
        if (p == null) return "deployments";
        if (!PRODUCTS.contains(p)) throw ApiError.badRequest("product", "'" + p + "' is not an Orquesta product");
        return p;
    }

    /** A string, a number or an array of strings. */
    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) throw ApiError.badRequest("value", "required: a string, a number or an array of strings");
        if (v.isTextual()) return v.asText();
        if (v.isNumber()) return v.numberValue();
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isTextual()) throw ApiError.badRequest("value", "an array must hold strings only");
                out.add(e.asText());
            }
            return out;
        }
        throw ApiError.badRequest("value", "must be a string, a number or an array of strings");
    }
}
