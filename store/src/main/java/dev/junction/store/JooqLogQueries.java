package dev.junction.store;

import static dev.junction.store.generated.Tables.API_KEYS;
import static dev.junction.store.generated.Tables.REQUEST_LOGS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.junction.engine.support.Ids;
import dev.junction.store.generated.tables.records.RequestLogsRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * The logs API over request_logs: a filtered, newest-first page (by the (created_at, id) indexes) and one request
 * with everything recorded about it, its feedback, guardrails and scores included. Rows come back as JSON-ready maps in the API's names.
 */
public final class JooqLogQueries {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** How far from its id's time a request's created_at is looked for. */
    private static final Duration ID_TIME_SLACK = Duration.ofDays(1);

    private final DSLContext dsl;
    private final JooqFeedback feedback;
    private final int metadataMaxBytes;

    public JooqLogQueries(DSLContext dsl, JooqFeedback feedback) {
        this(dsl, feedback, dev.junction.engine.log.RequestLog.DEFAULT_TEXT_MAX_BYTES);
    }

    /**
     * @param textMaxBytes the log's bound on a text (0: none); metadata merged after the fact may take as much JSON as
     *                     a JSON column of a new row ({@link TextCuts#columnMax}), so it cannot grow a row past its bound
     */
    public JooqLogQueries(DSLContext dsl, JooqFeedback feedback, int textMaxBytes) {
        this.dsl = dsl;
        this.feedback = feedback;
        this.metadataMaxBytes = TextCuts.columnMax(textMaxBytes);
    }

    /** A merge that would make the metadata larger than a log row keeps. Nothing was changed. */
    public static final class MetadataTooLarge extends RuntimeException {
        MetadataTooLarge(int max) {
            super("the merged metadata would take more than " + max + " bytes of JSON, the most a log row keeps");
        }
    }

    /** A page of summaries, newest first; {@code next} is where the following page starts, null on the last. */
    public record Page(List<Map<String, Object>> rows, LogFilter.Cursor next) {}

    public Page search(LogFilter f) {
        List<Condition> where = new ArrayList<>();
        if (f.deployment() != null) where.add(REQUEST_LOGS.DEPLOYMENT_KEY.eq(f.deployment()));
        if (f.within() != null) where.add(REQUEST_LOGS.DEPLOYMENT_KEY.in(f.within()));
        if (f.variants() != null && !f.variants().isEmpty()) where.add(REQUEST_LOGS.VARIANT_KEY.in(f.variants()));
        if (f.evaluation() != null) where.add(REQUEST_LOGS.EVALUATION.eq(f.evaluation()));
        if (f.sources() != null && !f.sources().isEmpty()) where.add(REQUEST_LOGS.SOURCE.in(f.sources()));
        if (f.statuses() != null && !f.statuses().isEmpty()) where.add(REQUEST_LOGS.STATUS.in(f.statuses()));
        if (f.from() != null) where.add(REQUEST_LOGS.CREATED_AT.ge(f.from().atOffset(ZoneOffset.UTC)));
        if (f.to() != null) where.add(REQUEST_LOGS.CREATED_AT.lt(f.to().atOffset(ZoneOffset.UTC)));
        if (f.identityId() != null) where.add(REQUEST_LOGS.IDENTITY_ID.eq(f.identityId()));
        if (f.threadId() != null) where.add(REQUEST_LOGS.THREAD_ID.eq(f.threadId()));
        if (f.apiKeyId() != null) where.add(REQUEST_LOGS.API_KEY_ID.eq(f.apiKeyId()));
        if (f.metadata() != null) {
            f.metadata().forEach((k, v) -> where.add(DSL.condition("{0} ->> {1} = {2}", REQUEST_LOGS.METADATA, DSL.val(k), DSL.val(v))));
        }
        if (f.scores() != null) for (LogFilter.ScoreFilter sf : f.scores()) where.add(hasScore(sf));
        if (f.before() != null) where.add(before(f.before()));
        List<RequestLogsRecord> rows = dsl.selectFrom(REQUEST_LOGS)
                .where(where)
                .orderBy(REQUEST_LOGS.CREATED_AT.desc(), REQUEST_LOGS.ID.desc())
                .limit(f.limit() + 1)
                .fetch();
        LogFilter.Cursor next = null;
        if (rows.size() > f.limit()) {
            rows = rows.subList(0, f.limit());
            RequestLogsRecord last = rows.getLast();
            next = new LogFilter.Cursor(last.getCreatedAt().toInstant(), last.getId());
        }
        Map<UUID, String> keyNames = keyNames(rows.stream().map(RequestLogsRecord::getApiKeyId).collect(Collectors.toSet()));
        return new Page(rows.stream().map(r -> summary(r, keyNames)).toList(), next);
    }

    /**
     * Everything recorded about one request, with its feedback; empty when there is no such row (yet). For admins:
     * every request is in reach.
     */
    public Optional<Map<String, Object>> find(UUID id) {
        RequestLogsRecord r = dsl.selectFrom(REQUEST_LOGS).where(byId(id)).fetchOne();
        if (r == null) return Optional.empty();
        Map<String, Object> m = summary(r, keyNames(java.util.Collections.singleton(r.getApiKeyId())));
        m.put("context", json(r.getContext()));
        m.put("inputs", json(r.getInputs()));
        m.put("messages", json(r.getMessages()));
        m.put("answer", r.getAnswer());
        m.put("finishReason", r.getFinishReason());
        Object attempts = json(r.getAttempts());
        m.put("attempts", attempts);
        answered(m, attempts);
        m.put("request", json(r.getRequest()));
        m.put("priceSource", r.getPriceSource());
        m.put("feedback", feedback.forRequest(id));
        m.put("truncated", json(r.getTruncated()));
        m.put("guardrails", json(r.getGuardrails()));
        m.put("scores", JooqScores.scoresOf(dsl, id).stream().map(JooqLogQueries::score).toList());
        return Optional.of(m);
    }

    /** A score in the log detail. */
    static Map<String, Object> score(dev.junction.engine.eval.Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind());
        m.put("value", s.value());
        m.put("passed", s.passed());
        m.put("reason", s.reason());
        m.put("createdAt", s.createdAt().toString());
        return m;
    }

    /**
     * The request has a score of this evaluator in the range (and passed or failed): an EXISTS on request_scores by
     * its (request_id, name) key.
     */
    static Condition hasScore(LogFilter.ScoreFilter f) {
        StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM request_scores s WHERE s.request_id = {0} AND s.name = {1}");
        List<Object> args = new ArrayList<>(List.of(REQUEST_LOGS.ID, DSL.val(f.name())));
        if (f.min() != null) {
            sql.append(" AND s.value >= {").append(args.size()).append('}');
            args.add(DSL.val(f.min()));
        }
        if (f.max() != null) {
            sql.append(" AND s.value <= {").append(args.size()).append('}');
            args.add(DSL.val(f.max()));
        }
        if (f.passed() != null) {
            sql.append(" AND s.passed = {").append(args.size()).append('}');
            args.add(DSL.val(f.passed()));
        }
        return DSL.condition(sql.append(')').toString(), args.toArray());
    }

    /**
     * The answer's tool calls, reasoning text and reasoning tokens, from the attempt that answered (the last
     * successful one): {@code toolCalls} (a list, empty when none), {@code reasoning} (null when not kept) and
     * {@code tokens.reasoning}. Attempts cut as a whole by the text bound (a string) leave them empty.
     */
    @SuppressWarnings("unchecked")
    private static void answered(Map<String, Object> m, Object attempts) {
        Map<String, Object> answering = null;
        if (attempts instanceof List<?> list) {
            for (Object a : list) {
                if (a instanceof Map<?, ?> attempt && Boolean.TRUE.equals(attempt.get("success"))) {
                    answering = (Map<String, Object>) attempt;
                }
            }
        }
        Object calls = answering == null ? null : answering.get("toolCalls");
        m.put("toolCalls", calls instanceof List<?> ? calls : List.of());
        m.put("reasoning", answering == null ? null : answering.get("reasoning"));
        ((Map<String, Object>) m.get("tokens")).put("reasoning", answering == null ? null : answering.get("reasoningTokens"));
    }

    /** Whether the request is logged and in {@code scope}: another key's request is as absent as an unknown one. */
    public boolean exists(UUID id, LogScope scope) {
        return dsl.fetchExists(REQUEST_LOGS, byId(id).and(scope.rows()));
    }

    /**
     * Merges {@code changes} into a request's metadata (a key with a null value is removed) and returns the result;
     * empty when the request is not logged (yet) or not in {@code scope}.
     *
     * @throws MetadataTooLarge the result would take more than the bound; nothing is changed
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> mergeMetadata(UUID id, Map<String, Object> changes, LogScope scope) {
        Map<String, Object> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        changes.forEach((k, v) -> {
            if (v == null) removed.add(k);
            else set.put(k, v);
        });
        // metadata cut as a whole (a string: see TextCuts) is replaced by the merge
        var mergedValue = DSL.field("(CASE WHEN jsonb_typeof({0}) = 'object' THEN {0} ELSE jsonb_build_object() END - {1}::text[]) || {2}",
                JSONB.class, REQUEST_LOGS.METADATA, DSL.val(removed.toArray(String[]::new)), DSL.val(Json.jsonb(set)));
        Condition fits = metadataMaxBytes == 0 ? DSL.noCondition()
                : DSL.condition("octet_length({0}::text) <= {1}", mergedValue, DSL.val(metadataMaxBytes));
        var result = dsl.update(REQUEST_LOGS)
                .set(REQUEST_LOGS.METADATA, mergedValue)
                .where(byId(id).and(scope.rows()).and(fits))
                .returning(REQUEST_LOGS.METADATA)
                .fetchOne();
        if (result == null) {
            if (metadataMaxBytes != 0 && exists(id, scope)) throw new MetadataTooLarge(metadataMaxBytes);
            return Optional.empty();
        }
        Object merged = json(result.getMetadata());
        return Optional.of(merged == null ? Map.of() : (Map<String, Object>) merged);
    }

    /**
     * One request's row. Request ids are UUIDv7, whose first 48 bits are the Unix milliseconds at which the request
     * came in, and its created_at is read from the same clock a moment later: so the row is looked for only in the
     * days around that time, and PostgreSQL reads those daily partitions (and the default one) instead of probing
     * the index of every day kept. A day either side leaves room for any clock; an id of another version (none is
     * made here) is looked for everywhere.
     */
    /**
     * Rows before the cursor in (created_at, id) order. The plain {@code created_at <=} it implies is added because
     * PostgreSQL prunes partitions on it, not on the row comparison: a later page reads only older days.
     */
    static Condition before(LogFilter.Cursor cursor) {
        OffsetDateTime at = cursor.createdAt().atOffset(ZoneOffset.UTC);
        return REQUEST_LOGS.CREATED_AT.le(at).and(DSL.row(REQUEST_LOGS.CREATED_AT, REQUEST_LOGS.ID).lt(at, cursor.id()));
    }

    static Condition byId(UUID id) {
        Condition same = REQUEST_LOGS.ID.eq(id);
        return Ids.timeOf(id).map(at -> same.and(REQUEST_LOGS.CREATED_AT.between(
                at.minus(ID_TIME_SLACK).atOffset(ZoneOffset.UTC), at.plus(ID_TIME_SLACK).atOffset(ZoneOffset.UTC))))
                .orElse(same);
    }

    /** The names of these API keys (null ids left out): one query for a page of rows. */
    private Map<UUID, String> keyNames(Set<UUID> ids) {
        List<UUID> known = ids.stream().filter(java.util.Objects::nonNull).toList();
        if (known.isEmpty()) return Map.of();
        return dsl.select(API_KEYS.ID, API_KEYS.NAME).from(API_KEYS).where(API_KEYS.ID.in(known)).fetchMap(API_KEYS.ID, API_KEYS.NAME);
    }

    private static Map<String, Object> summary(RequestLogsRecord r, Map<UUID, String> keyNames) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.getId().toString());
        m.put("createdAt", r.getCreatedAt().toInstant().toString());
        m.put("deployment", r.getDeploymentKey());
        m.put("version", r.getVersionNumber());
        m.put("variant", r.getVariantKey());
        m.put("evaluation", r.getEvaluation());
        m.put("rule", r.getRuleId());
        m.put("status", r.getStatus());
        m.put("httpStatus", r.getHttpStatus());
        m.put("error", r.getError());
        m.put("source", r.getSource());
        m.put("provider", r.getProvider());
        m.put("model", r.getModel());
        m.put("latencyMs", r.getLatencyMicros() / 1000.0);
        m.put("ttftMs", r.getTtftMicros() == null ? null : r.getTtftMicros() / 1000.0);
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("prompt", r.getPromptTokens());
        tokens.put("completion", r.getCompletionTokens());
        tokens.put("total", r.getTotalTokens());
        tokens.put("cached", r.getCachedTokens());
        tokens.put("cacheWrite", r.getCacheWriteTokens());
        m.put("tokens", tokens);
        BigDecimal cost = r.getCostUsd();
        m.put("costUsd", cost);
        m.put("promptCacheSavedUsd", r.getPromptCacheSavedUsd());
        if (r.getCacheStatus() == null) {
            m.put("cache", null);
        } else {
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("status", r.getCacheStatus());
            cache.put("savedUsd", r.getCacheSavedUsd());
            cache.put("ageMs", r.getCacheAgeMs());
            m.put("cache", cache);
        }
        m.put("identityId", r.getIdentityId());
        m.put("threadId", r.getThreadId());
        m.put("metadata", json(r.getMetadata()));
        UUID key = r.getApiKeyId();
        if (key == null) {
            m.put("apiKey", null);
        } else {
            Map<String, Object> apiKey = new LinkedHashMap<>();
            apiKey.put("id", key.toString());
            apiKey.put("name", keyNames.get(key));
            m.put("apiKey", apiKey);
        }
        return m;
    }

    private static Object json(JSONB value) {
        if (value == null) return null;
        try {
            return JSON.readValue(value.data(), Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a logged JSON column does not parse", e);
        }
    }
}
