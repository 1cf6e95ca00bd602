package dev.junction.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking Anthropic's streaming Messages API on raw sockets, so that it can fail the way a real
 * provider does mid-answer: it streams {@code message_start}, then one {@code content_block_delta} per piece, and then
 * either finishes properly or resets the TCP connection. It notes when the gateway hangs up on it first.
 */
final class AnthropicStreamStub implements AutoCloseable {
    enum Ending { COMPLETE, RESET }

    private final ServerSocket server;
    private final List<String> pieces;
    private final long gapMillis;
    private final Ending ending;
    final AtomicInteger requests = new AtomicInteger();
    /** Counted down when a write fails because the gateway closed the connection before the answer was complete. */
    final CountDownLatch hungUpOn = new CountDownLatch(1);

    AnthropicStreamStub(List<String> pieces, long gapMillis, Ending ending) {
        this.pieces = List.copyOf(pieces);
        this.gapMillis = gapMillis;
        this.ending = ending;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            readRequest(socket.getInputStream());
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            try {
                write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
                event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}");
                event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
                for (String piece : pieces) {
                    event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                            + piece + "\"}}");
                    Thread.sleep(gapMillis);
                }
                if (ending == Ending.RESET) {
                    socket.setSoLinger(true, 0); // close() now sends RST: the connection is reset mid-answer
                    return;
                }
                event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
                event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":"
                        + pieces.size() + "}}");
                event(out, "message_stop", "{\"type\":\"message_stop\"}");
                write(out, "0\r\n\r\n");
            } catch (IOException e) {
                hungUpOn.countDown();
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        String text = "event: " + name + "\ndata: " + data + "\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads the request line, headers and a Content-Length body. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("the request ended early");
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
