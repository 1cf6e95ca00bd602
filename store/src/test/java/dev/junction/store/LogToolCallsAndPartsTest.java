package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.support.Ids;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request of a tool loop with an image, a PDF and a tool result, whose answer calls a tool and reasons: written
 * through the log writer into PostgreSQL, its row holds the tool calls, reasoning and parts, the media only by
 * reference (no byte of them in the row), and reads back through the logs API's query.
 */
class LogToolCallsAndPartsTest {
    private static final Ids IDS = new Ids(Clock.systemUTC());

    @TempDir
    Path spillDir;

    static String png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) image.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 a small document".getBytes(StandardCharsets.US_ASCII));

    static RequestLog entry(String image, boolean bodies, int textMaxBytes) {
        List<PromptMessage> messages = List.of(
                PromptMessage.system("You look at pictures."),
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is in this picture, and the weather?"),
                        new ContentPart.Image("data:image/png;base64," + image, "low"),
                        new ContentPart.Image("https://example.com/cat.png", null),
                        new ContentPart.File("data:application/pdf;base64," + PDF, null, null, "terms.pdf"))),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", "sig-gemini")),
                        List.of(Reasoning.text("The user wants weather.", "sig-anthropic"), Reasoning.redacted("opaque"))),
                PromptMessage.toolResult("call_1", "{\"celsius\":21}"));
        ChatResponse answer = new ChatResponse("", ChatResponse.TOOL_CALLS, new Usage(900, 120, 0, 80), "gpt-4o",
                List.of(new ToolCall("call_2", "get_time", "{\"zone\":\"Europe/Paris\",\"note\":\"" + "x".repeat(300) + "\"}")),
                List.of(Reasoning.text("Now the time.", "sig")));
        RequestLog.Usage usage = new RequestLog.Usage(900, 120, 0, new BigDecimal("0.0012"), "2026-11-01", 80);
        Attempt answered = Attempt.succeeded(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o", 1000, usage)
                .withOutput(Attempt.Output.of(answer, bodies));
        return RequestLog.builder(IDS.next(), Instant.now())
                .deployment("vision", null, null, 1).variant("a", "Default Matched", null).model("openai", "gpt-4o")
                .latencyMicros(2000).usage(usage).attempts(List.of(answered))
                .bodies(bodies ? new RequestLog.Bodies(Map.of(), messages, "", ChatResponse.TOOL_CALLS) : null)
                .textMaxBytes(textMaxBytes).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void tool_calls_reasoning_and_parts_are_logged_and_the_media_only_by_reference() throws Exception {
        String image = png(400, 300);
        RequestLog e = entry(image, true, RequestLog.DEFAULT_TEXT_MAX_BYTES);
        TestDatabase db = TestDatabase.fresh();
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()),
                BatchingLogWriter.Options.defaults(spillDir));
        writer.record(e);
        BatchingLogWriterTest.await(() -> writer.written() == 1, Duration.ofSeconds(30));
        writer.close();

        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(e.id())).fetchOne();
        String messagesColumn = row.getMessages().data();
        assertThat(messagesColumn).doesNotContain(image.substring(0, 64)).doesNotContain(PDF)
                .doesNotContain("sig-gemini").doesNotContain("sig-anthropic").doesNotContain("opaque");
        for (var f : row.fields()) {
            Object v = row.get(f);
            if (v != null) assertThat(v.toString()).as(f.getName()).doesNotContain(image.substring(100, 164)).doesNotContain(PDF);
        }
        JsonNode messages = LogRows.READER.readTree(messagesColumn);
        JsonNode img = messages.get(1).get("parts").get(1);
        assertThat(img.get("type").asText()).isEqualTo("image");
        assertThat(img.get("mediaType").asText()).isEqualTo("image/png");
        assertThat(img.get("bytes").asLong()).isEqualTo(Base64.getDecoder().decode(image).length);
        assertThat(img.get("sha256").asText()).isEqualTo(sha256(Base64.getDecoder().decode(image)));
        assertThat(img.get("detail").asText()).isEqualTo("low");
        String thumb = img.get("thumbnail").asText();
        assertThat(thumb).startsWith("data:image/jpeg;base64,");
        BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(thumb.substring(thumb.indexOf(',') + 1))));
        assertThat(small.getWidth()).isEqualTo(96);
        assertThat(small.getHeight()).isEqualTo(72);
        assertThat(messages.get(1).get("parts").get(2).get("url").asText()).isEqualTo("https://example.com/cat.png");
        JsonNode pdf = messages.get(1).get("parts").get(3);
        assertThat(pdf.get("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(pdf.get("filename").asText()).isEqualTo("terms.pdf");
        assertThat(pdf.get("sha256").asText()).isEqualTo(sha256(Base64.getDecoder().decode(PDF)));
        assertThat(messages.get(1).get("content").asText()).isEqualTo("What is in this picture, and the weather?");
        assertThat(messages.get(2).get("toolCalls").get(0).toString())
                .isEqualTo("{\"id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}");
        assertThat(messages.get(2).get("reasoning").toString()).isEqualTo("[{\"text\":\"The user wants weather.\"},{\"redacted\":true}]");
        assertThat(messages.get(3).get("toolCallId").asText()).isEqualTo("call_1");

        JooqLogQueries logs = new JooqLogQueries(db.dsl(), new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID));
        Map<String, Object> detail = logs.find(e.id()).orElseThrow();
        assertThat((List<Map<String, Object>>) detail.get("toolCalls")).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("id", "call_2").containsEntry("name", "get_time");
            assertThat((String) c.get("arguments")).startsWith("{\"zone\":\"Europe/Paris\"");
        });
        assertThat(detail.get("reasoning")).isEqualTo("Now the time.");
        assertThat((Map<String, Object>) detail.get("tokens")).containsEntry("reasoning", 80).containsEntry("completion", 120);
        assertThat(detail.get("finishReason")).isEqualTo("tool_calls");
    }

    @Test
    void without_bodies_the_answer_keeps_its_tool_names_and_reasoning_tokens_only() throws Exception {
        RequestLog e = entry(png(20, 20), false, RequestLog.DEFAULT_TEXT_MAX_BYTES);
        Object[] row = LogRows.of(e);
        String attempts = (String) row[LogRows.COLUMNS.indexOf(new LogRows.Column("attempts", LogRows.Type.JSON))];
        assertThat(attempts).contains("\"reasoningTokens\":80", "\"toolCalls\":[{\"id\":\"call_2\",\"name\":\"get_time\"}]")
                .doesNotContain("arguments").doesNotContain("Now the time").doesNotContain("\"reasoning\"");
        assertThat(row[LogRows.COLUMNS.indexOf(new LogRows.Column("messages", LogRows.Type.JSON))]).isNull();
    }

    @Test
    void the_text_bound_cuts_tool_arguments_and_leaves_out_a_thumbnail_it_would_cut() throws Exception {
        RequestLog e = entry(png(400, 300), true, 200);
        Object[] row = LogRows.of(e);
        String truncated = (String) row[LogRows.COLUMNS.indexOf(new LogRows.Column("truncated", LogRows.Type.JSON))];
        assertThat(truncated).contains("\"attempts[0].toolCalls[0].arguments\"");
        String messages = (String) row[LogRows.COLUMNS.indexOf(new LogRows.Column("messages", LogRows.Type.JSON))];
        assertThat(messages).doesNotContain("thumbnail").doesNotContain("data:image/jpeg");
    }

    @Test
    void the_memory_estimate_counts_the_inline_media_until_the_row_keeps_only_their_reference() throws Exception {
        String image = png(600, 600);
        RequestLog e = entry(image, true, RequestLog.DEFAULT_TEXT_MAX_BYTES);
        assertThat(LogEntrySize.of(e)).isGreaterThan(image.length());
        assertThat(LogEntrySize.ofRow(LogRows.of(e))).isLessThan(image.length());
    }

    @Test
    void a_row_with_the_new_fields_survives_the_journal_line_unchanged() throws Exception {
        Object[] row = LogRows.of(entry(png(50, 40), true, RequestLog.DEFAULT_TEXT_MAX_BYTES));
        byte[] line = SpillLines.line(row);
        Object[] back = LogRows.read(LogRows.READER.readTree(line));
        for (int i = 0; i < row.length; i++) {
            if (LogRows.COLUMNS.get(i).type() == LogRows.Type.JSON && row[i] != null) {
                assertThat(LogRows.READER.readTree((String) back[i])).as(LogRows.COLUMNS.get(i).name())
                        .isEqualTo(LogRows.READER.readTree((String) row[i]));
            } else {
                assertThat(back[i]).as(LogRows.COLUMNS.get(i).name()).isEqualTo(row[i]);
            }
        }
    }
}
