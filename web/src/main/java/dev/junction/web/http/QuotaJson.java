package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.QuotaValidator;
import dev.junction.engine.spend.RateLimit;
import java.math.MathContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits, budgets and their use as the {@code /api} shows and reads them (camelCase, like the rest of
 * {@code /api}). Reading: a member of the wrong JSON type is a 400 naming it, an unknown member a 400 (nothing a
 * client sends is silently dropped); what the values mean is {@link QuotaValidator}'s (422).
 */
final class QuotaJson {
    static final List<String> LIMIT_FIELDS = List.of("scope", "target", "requestsPerMinute", "tokensPerMinute", "concurrent");
    static final List<String> BUDGET_FIELDS = List.of("scope", "target", "amountUsd", "period", "startsAt", "endsAt", "hard", "thresholds");

    private QuotaJson() {}

    static QuotaValidator.LimitInput limitInput(JsonBody body) {
        known(body, LIMIT_FIELDS);
        return new QuotaValidator.LimitInput(body.text("scope"), body.text("target"), count(body, "requestsPerMinute"),
                count(body, "tokensPerMinute"), count(body, "concurrent"));
    }

    static QuotaValidator.BudgetInput budgetInput(JsonBody body) {
        known(body, BUDGET_FIELDS);
        JsonNode hard = body.get("hard");
        if (hard != null && !hard.isBoolean()) throw body.invalid("hard", JsonBody.NOT_A_BOOLEAN);
        return new QuotaValidator.BudgetInput(body.text("scope"), body.text("target"), body.decimal("amountUsd"),
                body.text("period"), instant(body, "startsAt"), instant(body, "endsAt"), hard == null ? null : hard.asBoolean(),
                thresholds(body));
    }

    /** A 400 for a member not in {@code fields}: nothing a client sends is silently dropped. */
    static void known(JsonBody body, List<String> fields) {
        for (String name : body.fieldNames()) {
            if (!fields.contains(name)) throw body.invalid(name, "unknown field: one of " + String.join(", ", fields));
        }
    }

    /** A whole number, kept as a long so that one too large is the validator's 422, not a 400. */
    private static Long count(JsonBody body, String field) {
        JsonNode n = body.get(field);
        if (n == null) return null;
        if (!n.isIntegralNumber()) throw body.invalid(field, JsonBody.NOT_A_WHOLE_NUMBER);
        return n.canConvertToLong() ? n.asLong() : Long.MAX_VALUE;
    }

    /** An ISO-8601 time with an offset ({@code 2026-11-01T00:00:00Z}); a 400 naming the field otherwise. */
    static Instant instant(JsonBody body, String field) {
        String text = body.text(field);
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw body.invalid(field, "'" + text + "' is not an ISO-8601 time such as 2026-11-01T00:00:00Z");
        }
    }

    private static List<Integer> thresholds(JsonBody body) {
        JsonNode n = body.get("thresholds");
        if (n == null) return null;
        if (!n.isArray()) throw body.invalid("thresholds", "must be an array of whole numbers (percentages)");
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode t = n.get(i);
            if (!t.isIntegralNumber()) throw body.invalid("thresholds[" + i + "]", JsonBody.NOT_A_WHOLE_NUMBER);
            out.add(t.canConvertToInt() ? t.asInt() : Integer.MAX_VALUE);
        }
        return out;
    }

    static Map<String, Object> view(RateLimit l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id().toString());
        m.put("scope", l.scope().wire());
        m.put("target", l.target());
        m.put("requestsPerMinute", l.requestsPerMinute());
        m.put("tokensPerMinute", l.tokensPerMinute());
        m.put("concurrent", l.concurrent());
        m.put("createdAt", text(l.createdAt()));
        m.put("updatedAt", text(l.updatedAt()));
        return m;
    }

    static Map<String, Object> view(Budget b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id().toString());
        m.put("scope", b.scope().wire());
        m.put("target", b.target());
        m.put("amountUsd", b.amountUsd());
        m.put("period", b.period().wire());
        m.put("startsAt", text(b.startsAt()));
        m.put("endsAt", text(b.endsAt()));
        m.put("hard", b.hard());
        m.put("thresholds", b.thresholds());
        m.put("createdAt", text(b.createdAt()));
        m.put("updatedAt", text(b.updatedAt()));
        return m;
    }

    /**
     * One limit's or budget's use by one member: {@code used} against {@code limit}, {@code usedRatio} (0..; over 1
     * when a budget overshot), the window and its reset; for a budget, each threshold and whether it is crossed.
     */
    static Map<String, Object> use(QuotaUsage.Use u, Budget budget, RateLimit limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id().toString());
        m.put("kind", "budget".equals(u.what()) ? "budget" : "rate_limit");
        m.put("what", u.what());
        m.put("scope", u.scope().wire());
        m.put("target", budget != null ? budget.target() : limit != null ? limit.target() : null);
        m.put("member", u.member());
        m.put("used", u.used());
        m.put("limit", u.limit());
        double ratio = ratio(u);
        m.put("usedRatio", ratio);
        m.put("windowStart", text(u.windowStart()));
        m.put("resetsAt", text(u.resetsAt()));
        if (budget != null) {
            m.put("period", budget.period().wire());
            m.put("hard", budget.hard());
            List<Map<String, Object>> thresholds = new ArrayList<>();
            for (int t : budget.thresholds()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("percent", t);
                one.put("crossed", crossed(ratio, t));
                thresholds.add(one);
            }
            m.put("thresholds", thresholds);
        }
        return m;
    }

    /** Used over limit; 0 for a limit of 0 (none can be saved, but a counter may be read before its limit). */
    static double ratio(QuotaUsage.Use u) {
        if (u.limit() == null || u.limit().signum() <= 0 || u.used() == null) return 0;
        return u.used().divide(u.limit(), MathContext.DECIMAL64).doubleValue();
    }

    static boolean crossed(double ratio, int percent) {
        return ratio * 100 >= percent - 1e-9;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
