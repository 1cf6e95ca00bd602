package dev.junction.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The journal's line format: one row per line as {@link LogRows#write} makes it, ending in a newline. */
final class SpillLines {
    private SpillLines() {}

    /** The line of a row, newline included. */
    static byte[] line(Object[] row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = LogRows.READER.getFactory().createGenerator(out)) {
            LogRows.write(g, row);
        } catch (IOException e) {
            throw new IllegalArgumentException("row cannot be written as JSON: " + e.getMessage(), e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The rows of a file's bytes, and how many lines were cut short (no newline) or unreadable. */
    record Read(List<Object[]> rows, int bad) {}

    static Read read(byte[] data, long expectedRows) {
        List<Object[]> rows = new ArrayList<>((int) Math.min(expectedRows, 1_000_000));
        int start = 0;
        int bad = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i < data.length && data[i] != '\n') continue;
            if (i == data.length) {
                if (start < data.length) bad++; // a last line with no newline: cut short by a crash
                break;
            }
            try {
                JsonNode node = LogRows.READER.readTree(data, start, i - start);
                rows.add(LogRows.read(node));
            } catch (IOException | RuntimeException e) {
                bad++;
            }
            start = i + 1;
        }
        return new Read(rows, bad);
    }

    static long countLines(Path file) throws IOException {
        long n = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) if (buf.get() == '\n') n++;
                buf.clear();
            }
        }
        return n;
    }
}
