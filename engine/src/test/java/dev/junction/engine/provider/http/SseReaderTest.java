package dev.junction.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;

/**
 * The one SSE parser, case by case against the HTML standard's "interpreting an event stream", fed as the adapters
 * feed it: bytes cut into lines by {@link StreamingBody}, then framed into events.
 */
class SseReaderTest {

    /** Every event of {@code text}, fed in {@code chunks} as the HTTP client might cut it, and the end. */
    private static List<SseReader.Event> events(String... chunks) throws InterruptedException {
        StreamingBody body = new StreamingBody();
        for (String chunk : chunks) {
            body.content(null, Content.Chunk.from(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8)), false), () -> {});
        }
        SseReader sse = new SseReader();
        List<SseReader.Event> events = new ArrayList<>();
        StreamingBody.Item item;
        while ((item = body.next(System.nanoTime())) instanceof StreamingBody.Line line) {
            SseReader.Event event = sse.line(line.text());
            if (event != null) events.add(event);
        }
        SseReader.Event last = sse.end();
        if (last != null) events.add(last);
        return events;
    }

    private static SseReader.Event event(String name, String data) {
        return new SseReader.Event(name, data);
    }

    // ---- the cases the adapters' own parsers were tested on (moved here with them) ---------------------------

    @Test
    void joins_multi_line_data_skips_comments_and_other_fields_and_ends_events_on_a_blank_line() {
        SseReader sse = new SseReader();

        assertThat(sse.line(": keep-alive")).isNull();
        assertThat(sse.line("event: message")).isNull();
        assertThat(sse.line("data: {\"a\":")).isNull();
        assertThat(sse.line("data:1}")).isNull();
        assertThat(sse.line("")).isEqualTo(event("message", "{\"a\":\n1}"));
        assertThat(sse.line("")).isNull();
        assertThat(sse.line("data: [DONE]")).isNull();
        assertThat(sse.end()).isEqualTo(event(null, "[DONE]"));
    }

    @Test
    void the_sse_parser_frames_events_joins_data_lines_and_skips_comments() {
        SseReader sse = new SseReader();
        assertThat(sse.line(": keep-alive")).isNull();
        assertThat(sse.line("event: content_block_delta")).isNull();
        assertThat(sse.line("data: {\"a\":")).isNull();
        assertThat(sse.line("data:1}")).isNull();
        assertThat(sse.line("")).isEqualTo(new SseReader.Event("content_block_delta", "{\"a\":\n1}"));
        assertThat(sse.line("")).as("a blank line with nothing before it").isNull();
        sse.line("data: {\"type\":\"message_stop\"}");
        assertThat(sse.end()).isEqualTo(new SseReader.Event(null, "{\"type\":\"message_stop\"}"));
    }

    // ---- the standard, case by case ----------------------------------------------------------------------------

    @Test
    void lines_may_end_in_lf_cr_lf_or_cr_even_mixed_and_cut_between_chunks() throws Exception {
        assertThat(events("data: a\n\n", "data: b\r\n\r\n", "data: c\r\rdata: d\r", "\n\r", "\n"))
                .containsExactly(event(null, "a"), event(null, "b"), event(null, "c"), event(null, "d"));
    }

    @Test
    void a_comment_is_skipped_wherever_it_stands_even_inside_an_event() throws Exception {
        assertThat(events(": OPENROUTER PROCESSING\n\n", "data: a\n:\n: ping\ndata: b\n\n"))
                .containsExactly(event(null, "a\nb"));
    }

    @Test
    void data_lines_are_joined_by_a_line_feed_and_an_empty_data_line_counts() throws Exception {
        assertThat(events("data: one\ndata:\ndata: three\n\n", "data:\n\n"))
                .containsExactly(event(null, "one\n\nthree"), event(null, ""));
    }

    @Test
    void only_one_space_after_the_colon_is_dropped_and_a_line_without_a_colon_is_a_field_with_no_value() throws Exception {
        assertThat(events("data:  two spaces\n\n", "data:x:y\n\n", "data\ndata: z\n\n"))
                .containsExactly(event(null, " two spaces"), event(null, "x:y"), event(null, "\nz"));
    }

    @Test
    void the_event_field_names_the_event_the_last_one_wins_and_it_does_not_carry_over() throws Exception {
        assertThat(events("event: first\nevent: content_block_delta\ndata: {}\n\n", "data: next\n\n"))
                .containsExactly(event("content_block_delta", "{}"), event(null, "next"));
    }

    @Test
    void an_event_without_data_is_not_dispatched_and_its_name_is_forgotten() throws Exception {
        assertThat(events("event: ping\n\n", "id: 7\nretry: 1000\n\n", "data: x\n\n"))
                .containsExactly(event(null, "x"));
    }

    @Test
    void id_retry_and_unknown_fields_are_ignored_and_field_names_are_case_sensitive() throws Exception {
        assertThat(events("id: 1\nretry: 3000\nfoo: bar\nData: no\nEvent: no\ndata: yes\n\n"))
                .containsExactly(event(null, "yes"));
    }

    @Test
    void a_byte_order_mark_before_the_first_line_is_skipped_and_only_there() throws Exception {
        assertThat(events("\uFEFFdata: a\n\n\uFEFFdata: b\n\n")).containsExactly(event(null, "a"));
    }

    @Test
    void an_event_the_body_ends_in_is_dispatched_at_the_end_without_its_blank_line() throws Exception {
        assertThat(events("data: a\n\ndata: [DONE]\n")).containsExactly(event(null, "a"), event(null, "[DONE]"));
        assertThat(events("data: a\n\nevent: x\n")).as("nothing but a name is still nothing").containsExactly(event(null, "a"));
        SseReader sse = new SseReader();
        assertThat(sse.end()).as("an empty body").isNull();
        sse.line("data: [DONE]");
        assertThat(sse.end()).isEqualTo(event(null, "[DONE]"));
        assertThat(sse.end()).as("once").isNull();
    }

    @Test
    void utf8_text_comes_through_whole() throws Exception {
        assertThat(events("data: {\"text\":\"é€😀\"}\n\n")).containsExactly(event(null, "{\"text\":\"é€😀\"}"));
    }
}
