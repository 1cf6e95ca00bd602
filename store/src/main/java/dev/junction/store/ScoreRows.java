package dev.junction.store;

import dev.junction.engine.eval.Score;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * request_scores in SQL: the one multi-row upsert {@link JooqScores} writes with, and the read of a request's scores.
 * A request has one score per evaluator name; of two, the one made later ({@code created_at}) is kept, whichever
 * arrives last.
 */
final class ScoreRows {
    /**
     * The largest value a score may have, either sign: squares of larger ones, summed by the rollups and experiments,
     * would overflow a double precision (an error in PostgreSQL, which would stop the rollup job at that hour).
     */
    static final double MAX_ABS_VALUE = 1e100;
    /** A score's reason keeps at most this many characters. */
    static final int REASON_MAX_CHARS = 2_000;
    private static final String COLUMNS = "id, request_id, request_created_at, deployment_key, version_number, variant_key,"
            + " rule_id, name, kind, value, passed, reason, created_at";
    private static final String ONE = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int PER_ROW = 13;

    private ScoreRows() {}

    /**
     * The batch with one score per (request, name), the latest made (the later in the batch on a tie): one upsert
     * may not touch a row twice.
     */
    static List<Score> latestPerKey(List<Score> batch) {
        Map<String, Score> latest = new LinkedHashMap<>();
        for (Score s : batch) {
            latest.merge(s.requestId() + "\n" + s.name(), s,
                    (old, now) -> now.createdAt().isBefore(old.createdAt()) ? old : now);
        }
        return latest.size() == batch.size() ? batch : new ArrayList<>(latest.values());
    }

    /** Upserts the scores (at most one per (request, name)) in one statement; returns the rows inserted or changed. */
    static int upsert(Connection c, List<Score> scores) throws SQLException {
        StringBuilder sql = new StringBuilder(200 + scores.size() * (ONE.length() + 1))
                .append("INSERT INTO request_scores (").append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < scores.size(); i++) sql.append(i == 0 ? "" : ",").append(ONE);
        sql.append("""
                 ON CONFLICT (request_id, name) DO UPDATE SET request_created_at = excluded.request_created_at,
                   deployment_key = excluded.deployment_key, version_number = excluded.version_number,
                   variant_key = excluded.variant_key, rule_id = excluded.rule_id, kind = excluded.kind,
                   value = excluded.value, passed = excluded.passed, reason = excluded.reason, created_at = excluded.created_at
                 WHERE request_scores.created_at <= excluded.created_at""");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Score s : scores) {
                ps.setObject(p, s.id());
                ps.setObject(p + 1, s.requestId());
                ps.setObject(p + 2, utc(s.requestCreatedAt()));
                ps.setString(p + 3, text(s.deploymentKey()));
                if (s.versionNumber() == null) ps.setNull(p + 4, Types.INTEGER);
                else ps.setInt(p + 4, s.versionNumber());
                ps.setString(p + 5, text(s.variantKey()));
                ps.setString(p + 6, text(s.ruleId()));
                ps.setString(p + 7, text(s.name()));
                ps.setString(p + 8, text(s.kind()));
                ps.setDouble(p + 9, s.value());
                if (s.passed() == null) ps.setNull(p + 10, Types.BOOLEAN);
                else ps.setBoolean(p + 10, s.passed());
                ps.setString(p + 11, text(reason(s.reason())));
                ps.setObject(p + 12, utc(s.createdAt()));
                p += PER_ROW;
            }
            return ps.executeUpdate();
        }
    }

    /** A request's scores, by name. */
    static List<Score> of(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM request_scores WHERE request_id = ? ORDER BY name")) {
            ps.setObject(1, requestId);
            List<Score> out = new ArrayList<>();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    Object passed = r.getObject("passed");
                    out.add(new Score(r.getObject("id", UUID.class), r.getObject("request_id", UUID.class),
                            r.getObject("request_created_at", OffsetDateTime.class).toInstant(),
                            r.getString("deployment_key"), (Integer) r.getObject("version_number"),
                            r.getString("variant_key"), r.getString("rule_id"), r.getString("name"), r.getString("kind"),
                            r.getDouble("value"), (Boolean) passed, r.getString("reason"),
                            r.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }

    /** The reason cut to {@link #REASON_MAX_CHARS}, never inside a surrogate pair. */
    static String reason(String s) {
        if (s == null || s.length() <= REASON_MAX_CHARS) return s;
        int end = Character.isHighSurrogate(s.charAt(REASON_MAX_CHARS - 1)) ? REASON_MAX_CHARS - 1 : REASON_MAX_CHARS;
        return s.substring(0, end);
    }

    /** PostgreSQL refuses NUL in text: stored as U+FFFD (as in the log). */
    private static String text(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    /** Cut to microseconds, PostgreSQL's precision, as the log's created_at is (so the two times are equal). */
    private static OffsetDateTime utc(java.time.Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
