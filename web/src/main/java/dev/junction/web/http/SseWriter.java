package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.provider.StreamCancelledException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Server-sent events on a request's raw response: nothing is sent until {@link #open}, so a request that fails
 * before its first event still answers with an ordinary JSON error and status. Each event is flushed at once. A
 * write that fails means the client has gone: it becomes {@link StreamCancelledException}, which the invoke loop
 * turns into cancelling the upstream call.
 */
final class SseWriter {
    private final Context ctx;
    private final ObjectMapper mapper;
    private OutputStream out;

    SseWriter(Context ctx, ObjectMapper mapper) {
        this.ctx = ctx;
        this.mapper = mapper;
    }

    boolean isOpen() {
        return out != null;
    }

    /** Commits 200 with {@code text/event-stream}, no caching and no proxy buffering, and {@code headers}. */
    void open(Map<String, String> headers) {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        headers.forEach((name, value) -> ctx.res().setHeader(name, value));
        try {
            out = ctx.res().getOutputStream();
            out.flush();
        } catch (IOException e) {
            throw new StreamCancelledException("the client went away: " + e.getMessage());
        }
    }

    /** {@code data: <json>}. */
    void data(Object json) {
        write("data: " + json(json) + "\n\n");
    }

    /** {@code event: <name>} (when it has one) with {@code data: <json>}. */
    void send(StreamEncoder.Event event) {
        write((event.name() == null ? "" : "event: " + event.name() + "\n") + "data: " + json(event.data()) + "\n\n");
    }

    /** {@code data: [DONE]}. */
    void done() {
        write("data: [DONE]\n\n");
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON", e);
        }
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new StreamCancelledException("the client went away: " + e.getMessage());
        }
    }
}
