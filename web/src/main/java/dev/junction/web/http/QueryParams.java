package dev.junction.web.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Query parameters with errors (400) that name the parameter. */
final class QueryParams {
    /** What PostgreSQL's timestamps (and people) use; beyond it a query fails instead of finding nothing. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private QueryParams() {}

    /**
     * The one rule for every query parameter of every route: a NUL character ({@code %00}) in a name or value is a 400
     * naming the parameter, never a filter PostgreSQL refuses or one that is silently dropped.
     */
    static void refuseNul(Context ctx) {
        String query = ctx.queryString();
        if (query == null || !query.contains("%00")) return;
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.indexOf('\0') >= 0) throw ApiError.badRequest(name.replace("\0", "\\u0000"), "a query parameter name cannot hold a NUL character (%00)");
            for (String value : values) {
                if (value.indexOf('\0') >= 0) throw ApiError.badRequest(name, "cannot hold a NUL character (%00)");
            }
        });
    }

    /** A version reference: a number ({@code 3} or {@code v3}), {@code active} or {@code draft}; else a 400 naming the parameter. */
    static String versionRef(String parameter, String ref) {
        if (ref.equals("draft") || ref.equals("active") || ref.matches("v?[0-9]{1,9}")) return ref;
        throw ApiError.badRequest(parameter, "'" + ref + "' is not a version number, 'active' or 'draft'");
    }

    /** An ISO-8601 instant with an offset ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, midnight UTC). */
    static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            Instant at = v.length() == 10 ? java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(v).toInstant();
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw ApiError.badRequest(name, "'" + v + "' is outside the years 1 to 9999");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(name, "'" + v + "' is not an ISO-8601 time such as 2026-11-01T00:00:00Z or a date");
        }
    }

    static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiError.badRequest(name, "must be a whole number from " + min + " to " + max);
    }

    /** A comma-separated list of values, each one of {@code allowed} (compared in {@code upper} or lower case). */
    static List<String> oneOf(Context ctx, String name, Set<String> allowed, boolean upper) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return List.of();
        List<String> out = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT)).toList();
        for (String s : out) {
            if (!allowed.contains(s)) {
                throw ApiError.badRequest(name, "'" + s + "' is not one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return out;
    }

    static List<String> list(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return List.of();
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v;
    }
}
