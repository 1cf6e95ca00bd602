package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.log.RequestLogReader;
import dev.junction.engine.log.RoutedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Logged requests read back from PostgreSQL (newest first, by the time-ordered index). */
public final class JooqRequestLogReader implements RequestLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DSLContext dsl;

    public JooqRequestLogReader(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<RoutedRequest> recentRouted(String deploymentKey, int limit) {
        return dsl.select(REQUEST_LOGS.ID, REQUEST_LOGS.CREATED_AT, REQUEST_LOGS.CONTEXT, REQUEST_LOGS.VARIANT_KEY, REQUEST_LOGS.RULE_ID)
                .from(REQUEST_LOGS)
                .where(REQUEST_LOGS.DEPLOYMENT_KEY.eq(deploymentKey))
                .and(REQUEST_LOGS.VARIANT_KEY.isNotNull())
                .orderBy(REQUEST_LOGS.CREATED_AT.desc())
                .limit(limit)
                .fetch(r -> new RoutedRequest(r.value1(), r.value2().toInstant(), context(r.value3()), r.value4(), r.value5()));
    }

    private static Map<String, Object> context(JSONB json) {
        if (json == null) return Map.of();
        try {
            return JSON.readValue(json.data(), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("a logged context is not a JSON object", e);
        }
    }
}
