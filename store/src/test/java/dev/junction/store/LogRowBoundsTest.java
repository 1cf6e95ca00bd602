package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.support.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Log rows are bounded: a 1 MB body is stored cut to the setting with its full size and SHA-256, a short one whole,
 * and the whole row stays under the bound the README states (written to a real PostgreSQL).
 */
class LogRowBoundsTest {
    static final int MAX = 32 * 1024;
    private static final Ids IDS = new Ids(Clock.systemUTC());
    private final TestDatabase db = TestDatabase.fresh();

    /** About 1 MB of text of 1-, 2-, 3- and 4-byte characters, so a cut can fall inside any of them. */
    static String megabyte(String seed) {
        return (seed + " aé€😀").repeat(1_048_576 / (seed.length() + 10) + 1);
    }

    static RequestLog entry(String question, String answer, Map<String, Object> metadata, UUID apiKey, int max) {
        Attempt attempt = Attempt.succeeded(Attempt.Option.PRIMARY, 1, "simulator", "echo", 1200,
                new RequestLog.Usage(10, 5, null, null, null));
        return RequestLog.builder(IDS.next(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                .deployment("support", null, null, 1).variant("english", "Default Matched", null)
                .model("simulator", "echo").status(LogStatus.SUCCESS, 200).latencyMicros(1500).ttftMicros(900L)
                .tokens(10, 5, null).source(Source.API).context(Map.of("language", "en")).attempts(List.of(attempt))
                .metadata(metadata).identity("user-1", null)
                .bodies(new RequestLog.Bodies(Map.of("question", question),
                        List.of(PromptMessage.system("Answer briefly."), PromptMessage.user(question)), answer, "stop"))
                .apiKeyId(apiKey).textMaxBytes(max).build();
    }

    private void insert(Object[] row) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(LogRows.insertSql(1))) {
            LogRows.bind(ps, 1, row);
            ps.executeUpdate();
        }
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The sum of every column's size as text: what the row takes before PostgreSQL compresses it. */
    private long rowBytes(UUID id) {
        String sum = LogRows.COLUMNS.stream().map(c -> "coalesce(octet_length(" + c.name() + "::text), 0)")
                .collect(Collectors.joining(" + "));
        return db.dsl().resultQuery("SELECT " + sum + " FROM request_logs WHERE id = ?", id).fetchOne(0, Long.class);
    }

    private static void assertCutPrefix(String stored, String full) {
        assertThat(bytes(stored)).isBetween(MAX - 3, MAX);
        assertThat(full).startsWith(stored); // cut on a character boundary: no half a character, no replacement
    }

    @Test
    void a_megabyte_body_becomes_a_bounded_row_with_the_full_size_and_sha256_of_each_cut_text() throws Exception {
        String question = megabyte("where is my order?");
        String answer = megabyte("it is on its way.");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 5_000; i++) metadata.put("k" + i, "a value of metadata number " + i); // many short texts
        RequestLog e = entry(question, answer, metadata, UUID.randomUUID(), MAX);
        insert(LogRows.of(e));

        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(e.id())).fetchOne();
        assertCutPrefix(row.getAnswer(), answer);
        JsonNode inputs = LogRows.READER.readTree(row.getInputs().data());
        assertCutPrefix(inputs.get("question").asText(), question);
        JsonNode messages = LogRows.READER.readTree(row.getMessages().data());
        assertThat(messages.get(0).get("content").asText()).isEqualTo("Answer briefly.");
        assertCutPrefix(messages.get(1).get("content").asText(), question);

        JsonNode cut = LogRows.READER.readTree(row.getTruncated().data());
        assertThat(cut.at("/answer/bytes").asLong()).isEqualTo(bytes(answer));
        assertThat(cut.at("/answer/sha256").asText()).isEqualTo(sha256(answer));
        assertThat(cut.get("inputs.question").get("bytes").asLong()).isEqualTo(bytes(question));
        assertThat(cut.get("inputs.question").get("sha256").asText()).isEqualTo(sha256(question));
        assertThat(cut.get("messages[1].content").get("sha256").asText()).isEqualTo(sha256(question));
        assertThat(cut.has("messages[0].content")).isFalse();

        // no single text is long, but together they are: the column keeps the start of its JSON, as text
        String metadataJson = LogRows.READER.writeValueAsString(metadata);
        JsonNode storedMetadata = LogRows.READER.readTree(row.getMetadata().data());
        assertThat(storedMetadata.isTextual()).isTrue();
        assertThat(metadataJson).startsWith(storedMetadata.asText());
        assertThat(bytes(storedMetadata.asText())).isBetween(4 * MAX - 3, 4 * MAX);
        assertThat(cut.at("/metadata/bytes").asLong()).isEqualTo(bytes(metadataJson));
        assertThat(cut.at("/metadata/sha256").asText()).isEqualTo(sha256(metadataJson));

        assertThat(bytes(question) + bytes(answer)).isGreaterThan(2_000_000);
        assertThat(rowBytes(e.id())).as("the row, with its texts cut (JSON escapes included)").isLessThan(9L * MAX);
    }

    @Test
    void a_short_body_is_stored_whole_and_marked_as_not_cut() throws Exception {
        RequestLog e = entry("where is my order? é€😀", "on its way", Map.of("team", "a"), null, MAX);
        insert(LogRows.of(e));

        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(e.id())).fetchOne();
        assertThat(row.getAnswer()).isEqualTo("on its way");
        assertThat(LogRows.READER.readTree(row.getInputs().data()).get("question").asText()).isEqualTo("where is my order? é€😀");
        assertThat(LogRows.READER.readTree(row.getMetadata().data()).get("team").asText()).isEqualTo("a");
        assertThat(row.getTruncated()).isNull();
        assertThat(row.getApiKeyId()).isNull();
    }

    @Test
    void zero_keeps_every_text_whole() throws Exception {
        String answer = megabyte("whole");
        RequestLog e = entry("q", answer, Map.of(), null, 0);
        insert(LogRows.of(e));
        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(e.id())).fetchOne();
        assertThat(row.getAnswer()).isEqualTo(answer);
        assertThat(row.getTruncated()).isNull();
    }
}
