package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal written by the version before typed records ({@code journal/segment-written-before-typed-records.jsonl},
 * three lines made by its {@code LogRows.of} and {@code SpillLines.line}): the same entries built with the typed
 * records make the same lines byte for byte, and the old segment replays into the database as the API shows it.
 */
class JournalCompatibilityTest {
    private static final String FIXTURE = "/journal/segment-written-before-typed-records.jsonl";
    private static final UUID ONE = UUID.fromString("019ae0a1-0000-7000-8000-000000000001");
    private static final UUID TWO = UUID.fromString("019ae0a1-0000-7000-8000-000000000002");

    @TempDir
    Path spillDir;

    static List<RequestLog> entries() {
        RequestLog.Usage usage = new RequestLog.Usage(412, 96, 7, new BigDecimal("0.0001194000"), "2026-11-01");
        List<Attempt> attempts = List.of(
                Attempt.failed(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o", 1200,
                        new Attempt.Failure(429, "rate_limited", "slow down", true)).withNext(Attempt.Next.RETRY),
                Attempt.failed(Attempt.Option.PRIMARY, 2, "openai", "gpt-4o", 300,
                        new Attempt.Failure(null, "connection_failed", "no route", true)).notSent()
                        .withNext(Attempt.Next.FALLBACK),
                Attempt.succeeded(Attempt.Option.FALLBACK, 1, "anthropic", "claude", 81_000, usage));
        RequestLog one = RequestLog.builder(ONE, Instant.parse("2026-12-01T10:00:00.123456789Z"))
                .deployment("support", UUID.fromString("019ae0a1-0000-7000-8000-0000000000d1"),
                        UUID.fromString("019ae0a1-0000-7000-8000-0000000000f1"), 3)
                .variant("english", "Matched", "rule-1").model("anthropic", "claude")
                .status(LogStatus.SUCCESS, 200).latencyMicros(95_000).ttftMicros(40_000L).usage(usage)
                .source(Source.SDK).context(Map.of("language", "en")).metadata(Map.of("team", "support"))
                .identity("user-1", "thread-1").request(Map.of("identity", Map.of("id", "user-1")))
                .attempts(attempts)
                .bodies(new RequestLog.Bodies(Map.of("question", "Where is my order?"),
                        List.of(PromptMessage.system("Answer briefly."), PromptMessage.user("Where is my order?")),
                        "On its way.", "stop"))
                .apiKeyId(UUID.fromString("019ae0a1-0000-7000-8000-0000000000a1")).build();
        RequestLog two = RequestLog.builder(TWO, Instant.parse("2026-12-01T10:00:01Z"))
                .deployment("support", null, null, 1).variant("english", "Default Matched", null)
                .model("openai", "gpt-4o").status(LogStatus.ERROR, 504).error("the deadline passed")
                .latencyMicros(30_000_000).source(Source.API)
                .attempts(List.of(Attempt.failed(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o", 50,
                        new Attempt.Failure(null, "context_window", "too big", false)).withNext(Attempt.Next.NONE)))
                .build();
        RequestLog three = one.toBuilder().textMaxBytes(16).build();
        return List.of(one, two, new RequestLog(UUID.fromString("019ae0a1-0000-7000-8000-000000000003"),
                three.createdAt(), three.route(), three.outcome(), three.usage(), three.caller(), three.attempts(),
                three.bodies(), three.textMaxBytes()));
    }

    private static byte[] fixture() throws Exception {
        try (InputStream in = JournalCompatibilityTest.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_typed_entries_journal_the_same_lines_as_the_version_before() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (RequestLog e : entries()) lines.append(new String(SpillLines.line(LogRows.of(e)), StandardCharsets.UTF_8));
        assertThat(lines.toString()).isEqualTo(new String(fixture(), StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_journal_written_by_the_version_before_replays_into_the_database() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        Files.write(spillDir.resolve("segment-0000000000000000001.jsonl"), fixture());
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()),
                BatchingLogWriter.Options.defaults(spillDir));
        BatchingLogWriterTest.await(() -> writer.written() == 3, Duration.ofSeconds(30));
        writer.close();
        assertThat(writer.dropped()).isZero();

        var one = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(ONE)).fetchOne();
        assertThat(one.getStatus()).isEqualTo("success");
        assertThat(one.getProvider()).isEqualTo("anthropic");
        assertThat(one.getCachedTokens()).isEqualTo(7);
        List<Map<String, Object>> attempts = LogRows.READER.readValue(one.getAttempts().data(), List.class);
        assertThat(attempts).extracting(a -> a.get("option"), a -> a.get("success"), a -> a.get("next"), a -> a.get("sent"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("primary", false, "retry", null),
                        org.assertj.core.groups.Tuple.tuple("primary", false, "fallback", false),
                        org.assertj.core.groups.Tuple.tuple("fallback", true, null, null));
        assertThat(attempts.getFirst()).containsEntry("upstreamStatus", 429).containsEntry("reason", "rate_limited");
        assertThat(attempts.getLast()).containsEntry("cachedTokens", 7).containsEntry("priceSource", "2026-11-01");
        var two = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(TWO)).fetchOne();
        assertThat(two.getStatus()).isEqualTo("error");
        assertThat(two.getError()).isEqualTo("the deadline passed");
    }
}
