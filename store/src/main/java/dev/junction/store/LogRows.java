package dev.junction.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.junction.engine.log.LoggedMessages;
import dev.junction.engine.log.RequestLog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyIn;

/**
 * A request log as the row of {@code request_logs}: the column values in table order, JSON columns already as
 * JSON text. The one mapping from {@link RequestLog} to the table, used by the writer (a multi-row INSERT) and by
 * the spill file (one JSON object per line, keyed by column name, JSON columns nested as JSON).
 *
 * <p>The messages are written by {@link LoggedMessages}: images, files and audio by reference (media type, size,
 * SHA-256, a small thumbnail), never their bytes. The answer's tool calls and reasoning are in the attempt that
 * answered ({@code attempts}), so no column was added for them and every row written before reads as it did.
 * What the request's guardrails did is the {@code guardrails} column (null when it had none: a spilled line of an
 * entry without guardrails is the line the version before wrote, and an older line reads as having none).
 *
 * <p>PostgreSQL refuses the NUL character in text and jsonb; a NUL is stored as U+FFFD, so no caller's input can
 * make a row unwritable.
 */
final class LogRows {
    enum Type { UUID, TIME, TEXT, INT, LONG, DECIMAL, JSON }

    record Column(String name, Type type) {}

    static final List<Column> COLUMNS = List.of(
            new Column("id", Type.UUID), new Column("created_at", Type.TIME),
            new Column("deployment_key", Type.TEXT), new Column("deployment_id", Type.UUID),
            new Column("version_id", Type.UUID), new Column("version_number", Type.INT),
            new Column("variant_key", Type.TEXT), new Column("evaluation", Type.TEXT),
            new Column("rule_id", Type.TEXT), new Column("provider", Type.TEXT), new Column("model", Type.TEXT),
            new Column("status", Type.TEXT), new Column("http_status", Type.INT), new Column("error", Type.TEXT),
            new Column("latency_micros", Type.LONG), new Column("prompt_tokens", Type.INT),
            new Column("completion_tokens", Type.INT), new Column("total_tokens", Type.INT),
            new Column("source", Type.TEXT), new Column("context", Type.JSON), new Column("attempts", Type.JSON),
            new Column("metadata", Type.JSON), new Column("identity_id", Type.TEXT),
            new Column("thread_id", Type.TEXT), new Column("request", Type.JSON),
            new Column("cached_tokens", Type.INT), new Column("cost_usd", Type.DECIMAL),
            new Column("price_source", Type.TEXT), new Column("inputs", Type.JSON), new Column("messages", Type.JSON),
            new Column("answer", Type.TEXT), new Column("finish_reason", Type.TEXT),
            new Column("ttft_micros", Type.LONG), new Column("api_key_id", Type.UUID),
            new Column("truncated", Type.JSON), new Column("cache_write_tokens", Type.INT),
            new Column("prompt_cache_saved_usd", Type.DECIMAL), new Column("cache_status", Type.TEXT),
            new Column("cache_saved_usd", Type.DECIMAL), new Column("cache_age_ms", Type.LONG),
            new Column("guardrails", Type.JSON));

    /** PostgreSQL takes at most 65535 bind parameters in one statement. */
    static final int MAX_ROWS_PER_STATEMENT = 65_535 / COLUMNS.size();

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** Reads spilled rows: decimals stay exact (a cost is NUMERIC(20, 10)). */
    static final ObjectMapper READER = JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** A JSON escape of NUL that is not itself an escaped backslash followed by "u0000". */
    private static final Pattern JSON_NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private LogRows() {}

    /**
     * The row of an entry; throws IllegalArgumentException when a JSON part cannot be serialized. The time is cut to
     * microseconds, PostgreSQL's precision, so that every path (COPY, INSERT, the spill) stores the same key. The
     * free-form texts are bounded here, on the writer's thread, by the entry's {@code textMaxBytes} ({@link TextCuts}).
     */
    static Object[] of(RequestLog e) {
        RequestLog.Route r = e.route();
        RequestLog.Outcome o = e.outcome();
        RequestLog.Usage u = e.usage();
        RequestLog.Caller c = e.caller();
        RequestLog.Bodies b = e.bodies();
        TextCuts cut = new TextCuts(e.textMaxBytes());
        // cut before the array is made: cut.truncated(), earlier in it, must see this column's cuts too
        String guardrails = e.guardrails().isEmpty() ? null : cut.json("guardrails", json(e.guardrails()));
        return new Object[] {
                e.id(), e.createdAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), text(r.deploymentKey()), r.deploymentId(),
                r.versionId(), r.versionNumber(), text(r.variantKey()), text(r.evaluation()), text(r.ruleId()),
                text(r.provider()), text(r.model()), o.status().wire(), o.httpStatus(), cut.text("error", text(o.error())),
                o.latencyMicros(), u.promptTokens(), u.completionTokens(), u.totalTokens(), c.source().name(),
                cut.json("context", json(c.context())), cut.json("attempts", json(e.attempts())),
                c.metadata().isEmpty() ? null : cut.json("metadata", json(c.metadata())),
                text(c.identityId()), text(c.threadId()),
                c.request().isEmpty() ? null : cut.json("request", json(c.request())),
                u.cachedTokens(), u.costUsd(), text(u.priceSource()),
                b == null ? null : cut.json("inputs", json(b.inputs())), b == null ? null : cut.json("messages", json(LoggedMessages.of(b.messages(), e.textMaxBytes()))),
                b == null ? null : cut.text("answer", text(b.answer())), b == null ? null : text(b.finishReason()), o.ttftMicros(),
                c.apiKeyId(), cut.truncated(), u.cacheWriteTokens(), u.cacheSavedUsd(), e.cache() == null ? null : e.cache().status(),
                e.cache() == null ? null : e.cache().savedUsd(), e.cache() == null ? null : e.cache().ageMillis(),
                guardrails};
    }

    static UUID id(Object[] row) {
        return (UUID) row[0];
    }

    /** {@code INSERT ... VALUES (...), ... ON CONFLICT DO NOTHING} for {@code rows} rows: a replayed row is skipped. */
    static String insertSql(int rows) {
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) one.append(',');
            one.append(COLUMNS.get(i).type() == Type.JSON ? "?::jsonb" : "?");
        }
        one.append(')');
        StringBuilder sql = new StringBuilder(64 + rows * (one.length() + 1)).append("INSERT INTO request_logs (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) sql.append(',');
            sql.append(COLUMNS.get(i).name());
        }
        sql.append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            if (r > 0) sql.append(',');
            sql.append(one);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    /** Binds one row from parameter {@code index} on; returns the next free index. */
    static int bind(PreparedStatement ps, int index, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            Type t = COLUMNS.get(i).type();
            if (v == null) {
                ps.setNull(index++, switch (t) {
                    case UUID -> Types.OTHER;
                    case TIME -> Types.TIMESTAMP_WITH_TIMEZONE;
                    case TEXT, JSON -> Types.VARCHAR;
                    case INT -> Types.INTEGER;
                    case LONG -> Types.BIGINT;
                    case DECIMAL -> Types.NUMERIC;
                });
            } else {
                ps.setObject(index++, v);
            }
        }
        return index;
    }

    /** {@code COPY request_logs (...) FROM STDIN}: the fast path for rows written the first time. */
    static String copySql() {
        StringBuilder sql = new StringBuilder("COPY request_logs (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) sql.append(',');
            sql.append(COLUMNS.get(i).name());
        }
        return sql.append(") FROM STDIN").toString();
    }

    /** Appends the row as one line of COPY's text format (tab-separated, {@code \N} for null, escaped). */
    static void copyLine(StringBuilder out, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) out.append('\t');
            Object v = row[i];
            if (v == null) {
                out.append("\\N");
                continue;
            }
            switch (COLUMNS.get(i).type()) {
                case TEXT, JSON -> escape(out, (String) v);
                case TIME -> out.append(((OffsetDateTime) v).toInstant());
                case DECIMAL -> out.append(((BigDecimal) v).toPlainString());
                case UUID, INT, LONG -> out.append(v);
            }
        }
        out.append('\n');
    }

    /**
     * Encodes rows as COPY text into buffers it reuses, and hands the bytes to the driver 64 KB at a time: the
     * driver's own {@code copyIn(sql, Reader)} allocates a 128 KB char buffer and a string per read on every call,
     * which was most of the gateway's garbage (a batch is often a few rows). One per writer thread; not thread-safe.
     */
    static final class CopyText {
        private static final int CHUNK = 64 * 1024;
        private final StringBuilder line = new StringBuilder(2_048);
        /** A lone surrogate (text cut mid-character by a client) becomes '?', as {@code String.getBytes} does. */
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        private CharBuffer chars = CharBuffer.allocate(2_048);

        void write(List<Object[]> rows, CopyIn copy) throws SQLException {
            bytes.clear();
            for (Object[] row : rows) {
                line.setLength(0);
                copyLine(line, row);
                if (chars.capacity() < line.length()) chars = CharBuffer.allocate(line.length() * 2);
                chars.clear();
                line.getChars(0, line.length(), chars.array(), 0);
                chars.limit(line.length());
                utf8.reset();
                while (utf8.encode(chars, bytes, true).isOverflow()) flush(copy);
            }
            flush(copy);
        }

        private void flush(CopyIn copy) throws SQLException {
            if (bytes.position() > 0) copy.writeToCopy(bytes.array(), 0, bytes.position());
            bytes.clear();
        }
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** Writes the row as one JSON object (nulls left out). */
    static void write(JsonGenerator g, Object[] row) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) continue;
            g.writeFieldName(COLUMNS.get(i).name());
            switch (COLUMNS.get(i).type()) {
                case JSON -> g.writeRawValue((String) v);
                case TIME -> g.writeString(((OffsetDateTime) v).toInstant().toString());
                case INT -> g.writeNumber((Integer) v);
                case LONG -> g.writeNumber((Long) v);
                case DECIMAL -> g.writeNumber((BigDecimal) v);
                case UUID, TEXT -> g.writeString(v.toString());
            }
        }
        g.writeEndObject();
    }

    /** The row a JSON object written by {@link #write} holds. */
    static Object[] read(JsonNode node) {
        Object[] row = new Object[COLUMNS.size()];
        for (int i = 0; i < row.length; i++) {
            JsonNode v = node.get(COLUMNS.get(i).name());
            if (v == null || v.isNull()) continue;
            row[i] = switch (COLUMNS.get(i).type()) {
                case UUID -> UUID.fromString(v.asText());
                case TIME -> Instant.parse(v.asText()).atOffset(ZoneOffset.UTC);
                case TEXT -> v.asText();
                case INT -> v.intValue();
                case LONG -> v.longValue();
                case DECIMAL -> v.decimalValue();
                case JSON -> v.toString();
            };
        }
        if (row[0] == null || row[1] == null) throw new IllegalArgumentException("a spilled row without id or created_at");
        return row;
    }

    private static String text(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static String json(Object value) {
        if (value == null) return null;
        String s;
        try {
            s = MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("value cannot be stored as JSON: " + e.getMessage(), e);
        }
        return s.contains("\\u0000") ? JSON_NUL.matcher(s).replaceAll("$1" + Matcher.quoteReplacement("\\ufffd")) : s;
    }
}
