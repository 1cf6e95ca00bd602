package dev.junction.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;

/** How {@link StreamingBody} cuts a body into lines and how far it reads ahead of its reader. */
class StreamingBodyTest {
    private final AtomicInteger demanded = new AtomicInteger();

    private void feed(StreamingBody body, String text) {
        body.content(null, Content.Chunk.from(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false),
                demanded::incrementAndGet);
    }

    private static List<String> lines(StreamingBody body) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        StreamingBody.Item item;
        while ((item = body.next(System.nanoTime())) instanceof StreamingBody.Line line) lines.add(line.text());
        return lines;
    }

    @Test
    void lines_end_at_lf_crlf_or_cr_even_when_a_chunk_cuts_a_line_or_a_crlf_in_two() throws Exception {
        StreamingBody body = new StreamingBody();
        feed(body, "data: {\"a\":1}\r");
        feed(body, "\ndata: é€");
        feed(body, "😀\n\nevent: x\rdata: y\r\n");

        assertThat(lines(body)).containsExactly("data: {\"a\":1}", "data: é€😀", "", "event: x", "data: y");
    }

    @Test
    void a_multi_byte_character_cut_between_chunks_comes_out_whole() throws Exception {
        StreamingBody body = new StreamingBody();
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        body.content(null, Content.Chunk.from(ByteBuffer.wrap(euro, 0, 1), false), demanded::incrementAndGet);
        body.content(null, Content.Chunk.from(ByteBuffer.wrap(euro, 1, euro.length - 1), false), demanded::incrementAndGet);

        assertThat(lines(body)).containsExactly("€");
    }

    @Test
    void the_body_is_not_read_further_while_the_reader_lags_and_resumes_once_it_catches_up() throws Exception {
        StreamingBody body = new StreamingBody();
        feed(body, "x\n".repeat(StreamingBody.HIGH_WATER - 1));
        assertThat(demanded).hasValue(1); // below the mark: read on at once

        feed(body, "y\n".repeat(10));
        assertThat(demanded).hasValue(1); // above it: the demand waits for the reader

        for (int i = 0; i < 9; i++) body.next(System.nanoTime());
        assertThat(demanded).hasValue(1); // still at or above the mark
        body.next(System.nanoTime());
        assertThat(demanded).hasValue(2); // one line below it: reading resumes, once
        body.next(System.nanoTime());
        assertThat(demanded).hasValue(2);
    }

    @Test
    void a_cancelled_body_asks_for_nothing_more() {
        StreamingBody body = new StreamingBody();
        body.cancel();
        feed(body, "x\n");
        assertThat(demanded).hasValue(0);
    }
}
