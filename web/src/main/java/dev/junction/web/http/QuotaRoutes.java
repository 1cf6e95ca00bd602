package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.QuotaValidator;
import dev.junction.engine.spend.RateLimit;
import dev.junction.engine.spend.Scope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rate limits and budgets under {@code /api} (admin only, like all of it):
 * <ul>
 *   <li>{@code GET|POST /api/rate-limits}, {@code GET|PUT|DELETE /api/rate-limits/{id}};</li>
 *   <li>{@code GET|POST /api/budgets}, {@code GET|PUT|DELETE /api/budgets/{id}};</li>
 *   <li>{@code GET /api/spend[?scope=&member=]}: the current use of every limit and budget, one entry per member seen
 *       in its current window (used against limit, reset time, thresholds crossed);</li>
 *   <li>{@code GET /api/keys/{id}/quotas}: the limits and budgets that apply to one API key (its own and the
 *       {@code *} ones of the api_key and workspace scopes) and the key's use of each.</li>
 * </ul>
 * A body is checked whole ({@link QuotaValidator}: a 422 naming every field at fault); after a change the engine
 * reloads its limits ({@link QuotaUsage#reload}), and other instances learn of it through the database's notifications.
 */
public final class QuotaRoutes implements Routes {
    private final QuotaStore store;
    private final QuotaUsage usage;
    private final ApiKeys apiKeys;
    private final ObjectMapper mapper;
    private final Clock clock;

    public QuotaRoutes(QuotaStore store, QuotaUsage usage, ApiKeys apiKeys, ObjectMapper mapper, Clock clock) {
        this.store = store;
        this.usage = usage;
        this.apiKeys = apiKeys;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/rate-limits", ctx -> ctx.json(Map.of("data", store.limits().stream().map(QuotaJson::view).toList())));
        routes.post("/api/rate-limits", ctx -> ctx.status(201).json(QuotaJson.view(saveLimit(ctx, null))));
        routes.get("/api/rate-limits/{id}", ctx -> ctx.json(QuotaJson.view(limit(ctx))));
        routes.put("/api/rate-limits/{id}", ctx -> ctx.json(QuotaJson.view(saveLimit(ctx, limit(ctx)))));
        routes.delete("/api/rate-limits/{id}", ctx -> {
            if (!store.deleteLimit(limit(ctx).id())) throw ApiError.notFound("rate limit", ctx.pathParam("id"));
            usage.reload();
            ctx.status(204);
        });
        routes.get("/api/budgets", ctx -> ctx.json(Map.of("data", store.budgets().stream().map(QuotaJson::view).toList())));
        routes.post("/api/budgets", ctx -> ctx.status(201).json(QuotaJson.view(saveBudget(ctx, null))));
        routes.get("/api/budgets/{id}", ctx -> ctx.json(QuotaJson.view(budget(ctx))));
        routes.put("/api/budgets/{id}", ctx -> ctx.json(QuotaJson.view(saveBudget(ctx, budget(ctx)))));
        routes.delete("/api/budgets/{id}", ctx -> {
            if (!store.deleteBudget(budget(ctx).id())) throw ApiError.notFound("budget", ctx.pathParam("id"));
            usage.reload();
            ctx.status(204);
        });
        routes.get("/api/spend", this::spend);
        routes.get("/api/keys/{id}/quotas", this::keyQuotas);
    }

    private RateLimit limit(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "rate limit");
        return store.limit(id).orElseThrow(() -> ApiError.notFound("rate limit", ctx.pathParam("id")));
    }

    private Budget budget(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "budget");
        return store.budget(id).orElseThrow(() -> ApiError.notFound("budget", ctx.pathParam("id")));
    }

    /** Creates ({@code old} null) or replaces a rate limit; PUT takes the whole limit, as POST does. */
    private RateLimit saveLimit(Context ctx, RateLimit old) {
        QuotaValidator.LimitInput input = QuotaJson.limitInput(JsonBody.of(mapper, ctx.body()));
        Instant now = clock.instant();
        QuotaValidator.Checked<RateLimit> checked = QuotaValidator.rateLimit(input,
                old == null ? UUID.randomUUID() : old.id(), old == null ? now : old.createdAt(), now);
        if (!checked.ok()) throw ApiError.unprocessable(checked.errors());
        RateLimit saved = store.saveLimit(checked.value());
        usage.reload();
        return saved;
    }

    private Budget saveBudget(Context ctx, Budget old) {
        QuotaValidator.BudgetInput input = QuotaJson.budgetInput(JsonBody.of(mapper, ctx.body()));
        Instant now = clock.instant();
        QuotaValidator.Checked<Budget> checked = QuotaValidator.budget(input,
                old == null ? UUID.randomUUID() : old.id(), old == null ? now : old.createdAt(), now);
        if (!checked.ok()) throw ApiError.unprocessable(checked.errors());
        Budget saved = store.saveBudget(checked.value());
        usage.reload();
        return saved;
    }

    private void spend(Context ctx) {
        Scope scope = scopeParam(ctx);
        String member = ctx.queryParam("member");
        ctx.json(Map.of("data", uses(u -> (scope == null || u.scope() == scope) && (member == null || member.equals(u.member())))));
    }

    private void keyQuotas(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "API key");
        String key = id.toString();
        if (apiKeys.list().stream().noneMatch(k -> k.id().equals(id))) throw ApiError.notFound("API key", ctx.pathParam("id"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key);
        out.put("rateLimits", store.limits().stream().filter(l -> appliesToKey(l.scope(), l.target(), key)).map(QuotaJson::view).toList());
        out.put("budgets", store.budgets().stream().filter(b -> appliesToKey(b.scope(), b.target(), key)).map(QuotaJson::view).toList());
        out.put("use", uses(u -> u.scope() == Scope.API_KEY && key.equals(u.member()) || u.scope() == Scope.WORKSPACE));
        ctx.json(out);
    }

    /** Whether a limit of this scope and target counts a request made with the key {@code key}. */
    static boolean appliesToKey(Scope scope, String target, String key) {
        return scope == Scope.WORKSPACE || scope == Scope.API_KEY && (Scope.EACH.equals(target) || key.equals(target));
    }

    private List<Map<String, Object>> uses(java.util.function.Predicate<dev.junction.engine.spend.QuotaUsage.Use> filter) {
        Map<UUID, Budget> budgets = store.budgets().stream().collect(Collectors.toMap(Budget::id, Function.identity()));
        Map<UUID, RateLimit> limits = store.limits().stream().collect(Collectors.toMap(RateLimit::id, Function.identity()));
        return usage.current().stream().filter(filter)
                .map(u -> QuotaJson.use(u, "budget".equals(u.what()) ? budgets.get(u.id()) : null, limits.get(u.id())))
                .toList();
    }

    private static Scope scopeParam(Context ctx) {
        String raw = ctx.queryParam("scope");
        if (raw == null || raw.isBlank()) return null;
        return Scope.parse(raw).orElseThrow(() ->
                ApiError.badRequest("scope", "unknown scope '" + raw + "': one of " + String.join(", ", Scope.wires(false))));
    }
}
