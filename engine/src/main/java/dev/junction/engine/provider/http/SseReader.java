package dev.junction.engine.provider.http;

/**
 * Server-sent events from a body's lines, as the HTML standard's "event stream interpretation" reads them: the one
 * SSE parser every streaming adapter uses ({@link StreamingBody} cuts the bytes into lines at LF, CR LF or CR).
 * <ul>
 *   <li>a blank line dispatches the event gathered so far; one with no {@code data} field is dropped;</li>
 *   <li>a line starting with {@code :} is a comment (keep-alives such as OpenRouter's {@code : OPENROUTER PROCESSING});</li>
 *   <li>{@code field: value} with one optional space after the colon; a line with no colon is a field with an empty
 *       value;</li>
 *   <li>{@code data} lines are joined by a line feed; {@code event} names the event (the last one wins);
 *       {@code id} and {@code retry} (and unknown fields) carry nothing an adapter uses and are ignored;</li>
 *   <li>a byte order mark before the first line is skipped.</li>
 * </ul>
 * One deliberate leniency: the standard drops an event the body ends in the middle of (no blank line after it);
 * {@link #end} dispatches it, since some OpenAI-compatible servers end {@code data: [DONE]} with the body alone.
 * Not thread-safe: one per stream.
 */
public final class SseReader {
    /**
     * One event.
     *
     * @param name its {@code event} field, or null when it had none (the standard's default type, "message")
     * @param data its {@code data} lines joined by a line feed
     */
    public record Event(String name, String data) {}

    private String name;
    private StringBuilder data;
    private boolean first = true;

    /** Takes one line (without its end); the event a blank line completes, or null. */
    public Event line(String line) {
        if (first) {
            first = false;
            if (line.startsWith("\uFEFF")) line = line.substring(1);
        }
        if (line.isEmpty()) return dispatch();
        if (line.charAt(0) == ':') return null;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(value(line, colon));
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                if (data == null) data = new StringBuilder(value);
                else data.append('\n').append(value);
            }
            default -> { } // id, retry, and fields the standard does not know
        }
        return null;
    }

    /** The body ended: the event still gathering, if it has data (see the class comment), else null. */
    public Event end() {
        return dispatch();
    }

    private static int value(String line, int colon) {
        return colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
    }

    private Event dispatch() {
        Event event = data == null ? null : new Event(name, data.toString());
        name = null;
        data = null;
        return event;
    }
}
