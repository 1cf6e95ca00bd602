package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;

import dev.junction.engine.spend.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.impl.DSL;

/**
 * What one member of a spend scope spent per UTC day, from the request log ({@code cost_usd}: every attempt of a
 * request, as priced when it was logged): the panel's spend chart. A project is given as its deployments' keys; a
 * model as {@code provider/model}; the workspace is every request. Days without a request are 0. This reads the
 * log, not the quota counters: it is history (as far back as the log is kept), not what a budget enforces.
 */
public final class JooqSpendSeries {
    /** One UTC day: the requests logged and what they cost. */
    public record Day(LocalDate day, BigDecimal costUsd, long requests) {}

    private final DSLContext dsl;

    public JooqSpendSeries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The days from {@code from} up to {@code to} (UTC dates, both included). {@code member} names one member of
     * {@code scope} (ignored for the workspace); {@code projectDeployments}: a project's deployment keys.
     */
    public List<Day> daily(Scope scope, String member, Collection<String> projectDeployments, LocalDate from, LocalDate to) {
        Field<LocalDate> day = DSL.field("(({0} AT TIME ZONE 'UTC')::date)", LocalDate.class, REQUEST_LOGS.CREATED_AT);
        Condition where = REQUEST_LOGS.CREATED_AT.ge(from.atStartOfDay().atOffset(ZoneOffset.UTC))
                .and(REQUEST_LOGS.CREATED_AT.lt(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC)))
                .and(member(scope, member, projectDeployments));
        Map<LocalDate, Day> found = new HashMap<>();
        for (Record3<LocalDate, BigDecimal, Integer> r : dsl.select(day, DSL.sum(REQUEST_LOGS.COST_USD), DSL.count())
                .from(REQUEST_LOGS).where(where).groupBy(day).fetch()) {
            found.put(r.value1(), new Day(r.value1(), r.value2() == null ? BigDecimal.ZERO : r.value2(), r.value3()));
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(found.getOrDefault(d, new Day(d, BigDecimal.ZERO, 0)));
        }
        return days;
    }

    private static Condition member(Scope scope, String member, Collection<String> projectDeployments) {
        return switch (scope) {
            case WORKSPACE -> DSL.trueCondition();
            case PROJECT -> projectDeployments.isEmpty() ? DSL.falseCondition() : REQUEST_LOGS.DEPLOYMENT_KEY.in(projectDeployments);
            case DEPLOYMENT -> REQUEST_LOGS.DEPLOYMENT_KEY.eq(member);
            case API_KEY -> REQUEST_LOGS.API_KEY_ID.eq(UUID.fromString(member));
            case IDENTITY -> REQUEST_LOGS.IDENTITY_ID.eq(member);
            case PROVIDER -> REQUEST_LOGS.PROVIDER.eq(member);
            case MODEL -> {
                int slash = member.indexOf('/');
                yield REQUEST_LOGS.PROVIDER.eq(member.substring(0, slash)).and(REQUEST_LOGS.MODEL.eq(member.substring(slash + 1)));
            }
        };
    }

    /** Instants to UTC dates, for callers that hold a window as instants. */
    public static LocalDate utcDate(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
