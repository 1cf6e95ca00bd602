package dev.junction.engine.routing;

import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.Scope;
import dev.junction.engine.spend.SpendView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The routing fields Junction derives from what is being spent, so an analyst can write "when this customer has spent
 * more than $50 this month, use the economy variant" ({@code spend.identity.month_usd > 50}). Like the request fields
 * ({@link RequestFields}) they need no declaring in the context schema, are numbers, and their names are reserved:
 * a context field of the schema may not be named under {@code spend.} or {@code budget.}, and a condition may only
 * name the fields below.
 * <ul>
 *   <li>{@code spend.<scope>.day_usd}, {@code spend.<scope>.month_usd}: US dollars the request's member of the scope
 *       has spent in the current UTC calendar day / month (0 when nothing yet);</li>
 *   <li>{@code budget.<scope>.remaining_pct}: of the tightest budget on that member, the percentage left (0 to 100).
 *       Absent when no budget applies to the member.</li>
 * </ul>
 * for the scopes {@code api_key} (the API key the request came with), {@code identity} (its {@code identity.id}),
 * {@code deployment} (its key), {@code project} (the deployment's project) and {@code workspace} (one member, all of
 * it). A request with no member of a scope (no identity sent; no API key, as from the simulator) has those fields
 * absent. An absent field behaves as any missing context field: only {@code absent} holds on it ({@code lt},
 * {@code gt}, even {@code not_equals} do not), so "remaining_pct &lt; 20" never picks a request without a budget.
 * <p>Values come from a {@link SpendView}: in-memory totals, no database round trip; only the fields the routing table
 * reads are computed ({@link #of} finds them when a version is built, so a table without any costs nothing per request).
 * A caller's {@code context} cannot set them: its {@code spend.*} and {@code budget.*} keys are dropped and replaced by
 * the real values (a client must not fake its spend). Only the simulator's values win ({@link #apply} with
 * {@code callerWins}), and routing tests give them as plain context values ({@code "spend.identity.month_usd": 60}).
 * The log keeps them with the context, so Replay routes on the spend as it was.
 */
public final class SpendFields {
    public static final String SPEND_PREFIX = "spend.";
    public static final String BUDGET_PREFIX = "budget.";
    /** The scopes the fields cover, in the order they are documented. */
    public static final List<Scope> SCOPES = List.of(Scope.API_KEY, Scope.IDENTITY, Scope.DEPLOYMENT, Scope.PROJECT, Scope.WORKSPACE);
    /** Every spend and budget field (all numbers), in the order they are documented. */
    public static final Map<String, FieldType> TYPES = types();
    /** A table that reads none of them: {@link #apply} only drops what a caller sent. */
    public static final SpendFields NONE = new SpendFields(List.of());

    /** What a field measures. */
    enum Kind { DAY_USD, MONTH_USD, REMAINING_PCT }

    /** One field a table reads. */
    record Field(String name, Scope scope, Kind kind) {}

    private final List<Field> used;

    private SpendFields(List<Field> used) {
        this.used = List.copyOf(used);
    }

    public static String dayUsd(Scope scope) {
        return SPEND_PREFIX + scope.wire() + ".day_usd";
    }

    public static String monthUsd(Scope scope) {
        return SPEND_PREFIX + scope.wire() + ".month_usd";
    }

    public static String remainingPct(Scope scope) {
        return BUDGET_PREFIX + scope.wire() + ".remaining_pct";
    }

    private static Map<String, FieldType> types() {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (Scope s : SCOPES) {
            types.put(dayUsd(s), FieldType.NUMBER);
            types.put(monthUsd(s), FieldType.NUMBER);
        }
        for (Scope s : SCOPES) types.put(remainingPct(s), FieldType.NUMBER);
        return Collections.unmodifiableMap(types);
    }

    /** Whether the name is under a reserved prefix, {@code spend.} or {@code budget.} (a spend field or not). */
    public static boolean reserved(String name) {
        return name != null && (name.startsWith(SPEND_PREFIX) || name.startsWith(BUDGET_PREFIX));
    }

    /** The type of a spend or budget field (number); null when the name is not one. */
    public static FieldType typeOf(String name) {
        return name == null ? null : TYPES.get(name);
    }

    /** The names, for messages: {@code spend.api_key.day_usd, spend.api_key.month_usd, ...}. */
    public static String names() {
        return String.join(", ", TYPES.keySet());
    }

    /** Why a name under {@code spend.} or {@code budget.} is refused, listing the spend fields. */
    public static String unknown(String name) {
        return "'" + name + "' is not a spend field (names under '" + SPEND_PREFIX + "' and '" + BUDGET_PREFIX
                + "' are reserved; the spend fields are " + names() + ")";
    }

    /** The fields the table's conditions read (disabled rows too: Replay of a draft that enables one has them), once each. */
    public static SpendFields of(RoutingTable table) {
        if (table == null) return NONE;
        List<Field> used = new ArrayList<>();
        for (RoutingRule rule : table.rules()) {
            if (rule == null) continue;
            for (Condition c : rule.when()) {
                if (c == null || typeOf(c.field()) == null || used.stream().anyMatch(f -> f.name().equals(c.field()))) continue;
                used.add(field(c.field()));
            }
        }
        return used.isEmpty() ? NONE : new SpendFields(used);
    }

    private static Field field(String name) {
        for (Scope s : SCOPES) {
            if (name.equals(dayUsd(s))) return new Field(name, s, Kind.DAY_USD);
            if (name.equals(monthUsd(s))) return new Field(name, s, Kind.MONTH_USD);
            if (name.equals(remainingPct(s))) return new Field(name, s, Kind.REMAINING_PCT);
        }
        throw new IllegalArgumentException(name);
    }

    /** The names of the fields the table reads, in the order it first reads them. */
    public List<String> used() {
        return used.stream().map(Field::name).toList();
    }

    public boolean isEmpty() {
        return used.isEmpty();
    }

    /**
     * The request's member of each scope. {@code apiKey} and {@code identity} may be null (none: their fields are
     * absent); the workspace's member is always {@link Scope#EACH}.
     */
    public record Members(String apiKey, String identity, String deployment, String project) {
        String of(Scope scope) {
            return switch (scope) {
                case API_KEY -> apiKey;
                case IDENTITY -> identity;
                case DEPLOYMENT -> deployment;
                case PROJECT -> project;
                case WORKSPACE -> Scope.EACH;
                case PROVIDER, MODEL -> null;
            };
        }
    }

    /**
     * Completes the context the router reads (a mutable map, already holding the caller's context): drops the
     * {@code spend.*}/{@code budget.*} keys {@code callerContext} sent, unless {@code callerWins} (the simulator's
     * values are kept), then puts the value of each field the table reads that is not there yet, or leaves it out
     * when the request has no member of its scope or (for {@code remaining_pct}) no budget applies.
     */
    public void apply(Map<String, Object> routingContext, Map<String, Object> callerContext, boolean callerWins,
                      SpendView view, Members members) {
        if (!callerWins && !callerContext.isEmpty()) {
            for (String key : callerContext.keySet()) if (reserved(key)) routingContext.remove(key);
        }
        for (Field f : used) {
            if (callerWins && routingContext.get(f.name()) != null) continue;
            String member = members.of(f.scope());
            Object value = member == null ? null : value(f, member, view);
            if (value == null) routingContext.remove(f.name());
            else routingContext.put(f.name(), value);
        }
    }

    private static Object value(Field f, String member, SpendView view) {
        return switch (f.kind()) {
            case DAY_USD -> dollars(view.spentUsd(f.scope(), member, BudgetPeriod.DAY));
            case MONTH_USD -> dollars(view.spentUsd(f.scope(), member, BudgetPeriod.MONTH));
            case REMAINING_PCT -> percent(view.remainingPct(f.scope(), member));
        };
    }

    /** Plain dollars as logged ({@code 12.5}, not {@code 12.500000000}); 0 when the view knows nothing. */
    private static BigDecimal dollars(BigDecimal usd) {
        if (usd == null || usd.signum() == 0) return BigDecimal.ZERO;
        BigDecimal plain = usd.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /** Held to 0..100 (a soft budget may be overspent); absent without a budget. */
    private static Double percent(OptionalDouble pct) {
        if (pct == null || pct.isEmpty() || Double.isNaN(pct.getAsDouble())) return null;
        return Math.max(0.0, Math.min(100.0, pct.getAsDouble())) + 0.0;
    }
}
