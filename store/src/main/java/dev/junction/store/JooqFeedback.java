package dev.junction.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Feedback on logged requests (request_feedback): one value per property per request. Saving a property again
 * replaces its value and keeps its id; saving by id changes that feedback.
 */
public final class JooqFeedback {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public JooqFeedback(DSLContext dsl, Clock clock, Supplier<UUID> ids) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
    }

    /** A stored feedback: {@code value} is a String, a Number or a List of Strings. */
    public record Feedback(UUID id, UUID requestId, String property, Object value, String product,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id.toString());
            m.put("property", property);
            m.put("value", value);
            m.put("product", product);
            m.put("createdAt", createdAt.toInstant().toString());
            m.put("updatedAt", updatedAt.toInstant().toString());
            return m;
        }
    }

    /** Sets {@code property} of a request to {@code value}; the feedback's id is new or the property's existing one. */
    public Feedback save(UUID requestId, String property, Object value, String product) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Record r = dsl.resultQuery("""
                INSERT INTO request_feedback (id, request_id, property, value, product, created_at, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?::timestamptz, ?::timestamptz)
                ON CONFLICT (request_id, property)
                DO UPDATE SET value = excluded.value, product = excluded.product, updated_at = excluded.updated_at
                RETURNING id, request_id, property, value::text AS value, product, created_at, updated_at""",
                ids.get(), requestId, property, Json.jsonb(value).data(), product, now, now).fetchOne();
        return feedback(r);
    }

    /**
     * Changes the feedback with this id, which must belong to the request: its property and value.
     * Empty when there is none.
     */
    public Optional<Feedback> update(UUID id, UUID requestId, String property, Object value, String product) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            // only a feedback that exists (locked, so a concurrent remove cannot slip in) may take a property over
            if (t.fetchOptional("SELECT 1 FROM request_feedback WHERE id = ? AND request_id = ? FOR UPDATE", id, requestId).isEmpty()) {
                return Optional.<Feedback>empty();
            }
            // another feedback of the request may hold the property already: this one takes it over
            t.execute("DELETE FROM request_feedback WHERE request_id = ? AND property = ? AND id <> ?", requestId, property, id);
            return t.resultQuery("""
                    UPDATE request_feedback SET property = ?, value = ?::jsonb, product = ?, updated_at = ?::timestamptz
                    WHERE id = ? AND request_id = ?
                    RETURNING id, request_id, property, value::text AS value, product, created_at, updated_at""",
                    property, Json.jsonb(value).data(), product, now, id, requestId).fetchOptional().map(JooqFeedback::feedback);
        });
    }

    /** Removes a feedback of a request; false when there is none with that id. */
    public boolean remove(UUID id, UUID requestId) {
        return dsl.execute("DELETE FROM request_feedback WHERE id = ? AND request_id = ?", id, requestId) > 0;
    }

    public List<Map<String, Object>> forRequest(UUID requestId) {
        return dsl.resultQuery("""
                SELECT id, request_id, property, value::text AS value, product, created_at, updated_at FROM request_feedback
                WHERE request_id = ? ORDER BY created_at, property""", requestId)
                .fetch(r -> feedback(r).json());
    }

    private static Feedback feedback(Record r) {
        return new Feedback(r.get("id", UUID.class), r.get("request_id", UUID.class), r.get("property", String.class),
                parse(r.get("value", String.class)), r.get("product", String.class),
                r.get("created_at", OffsetDateTime.class), r.get("updated_at", OffsetDateTime.class));
    }

    private static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a feedback value does not parse", e);
        }
    }

}
