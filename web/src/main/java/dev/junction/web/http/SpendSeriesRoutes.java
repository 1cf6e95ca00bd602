package dev.junction.web.http;

import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.spend.Scope;
import dev.junction.store.JooqSpendSeries;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/spend/series?scope=&member=&days=30}: what one member of a scope spent per UTC day, from the request
 * log ({@link JooqSpendSeries}), for the panel's spend charts. {@code days}: 1 to {@value #MAX_DAYS}, ending today
 * (UTC); a member is required but for the workspace; a project's spend is that of its live deployments.
 */
public final class SpendSeriesRoutes implements Routes {
    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 400;

    /** What {@link JooqSpendSeries#daily} answers (a port, so that the route can be served without a database in tests). */
    @FunctionalInterface
    public interface Series {
        List<JooqSpendSeries.Day> daily(Scope scope, String member, java.util.Collection<String> projectDeployments,
                                        LocalDate from, LocalDate to);
    }

    private final Series series;
    private final ActiveDeployments active;
    private final Clock clock;

    public SpendSeriesRoutes(Series series, ActiveDeployments active, Clock clock) {
        this.series = series;
        this.active = active;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/spend/series", this::daily);
    }

    private void daily(Context ctx) {
        String rawScope = ctx.queryParam("scope");
        if (rawScope == null || rawScope.isBlank()) throw ApiError.badRequest("scope", "required: one of " + String.join(", ", Scope.wires(false)));
        Scope scope = Scope.parse(rawScope).orElseThrow(() ->
                ApiError.badRequest("scope", "unknown scope '" + rawScope + "': one of " + String.join(", ", Scope.wires(false))));
        String member = ctx.queryParam("member");
        if (scope == Scope.WORKSPACE) {
            member = Scope.EACH;
        } else if (member == null || member.isBlank() || member.equals(Scope.EACH)) {
            throw ApiError.badRequest("member", "required: one " + scope.wire() + " (a series is per member)");
        }
        if (scope == Scope.API_KEY) member = uuid(member);
        if (scope == Scope.MODEL && (member.indexOf('/') <= 0 || member.endsWith("/"))) {
            throw ApiError.badRequest("member", "a model is provider/model");
        }
        int days = days(ctx);
        LocalDate to = JooqSpendSeries.utcDate(clock.instant());
        LocalDate from = to.minusDays(days - 1L);
        String project = member;
        List<String> deployments = scope != Scope.PROJECT ? List.of()
                : active.all().stream().filter(d -> project.equals(d.version().spec().project())).map(d -> d.version().spec().key()).toList();
        List<Map<String, Object>> points = series.daily(scope, member, deployments, from, to).stream().map(d -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("day", d.day().toString());
            p.put("costUsd", d.costUsd());
            p.put("requests", d.requests());
            return p;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scope", scope.wire());
        out.put("member", member);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("days", points);
        ctx.json(out);
    }

    private static String uuid(String member) {
        try {
            return UUID.fromString(member).toString();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("member", "'" + member + "' is not an API key id (the id GET /api/keys lists)");
        }
    }

    private static int days(Context ctx) {
        String raw = ctx.queryParam("days");
        if (raw == null || raw.isBlank()) return DEFAULT_DAYS;
        try {
            int d = Integer.parseInt(raw);
            if (d >= 1 && d <= MAX_DAYS) return d;
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiError.badRequest("days", "a whole number from 1 to " + MAX_DAYS);
    }
}
