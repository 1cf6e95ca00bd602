package dev.junction.store;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.log.RequestLog;
import java.util.Collection;
import java.util.Map;

/**
 * What a request log entry costs in memory, estimated cheaply on the request thread: the characters of its strings
 * (bodies with their parts, tool calls and reasoning, context, metadata, errors, guardrails) at one byte each, plus a fixed overhead per entry, string and collection.
 * An estimate, not a measurement: text outside Latin-1 takes two bytes a character in a Java string.
 */
final class LogEntrySize {
    static final int ENTRY_OVERHEAD = 1_024;
    private static final int STRING_OVERHEAD = 48;
    private static final int OBJECT_OVERHEAD = 32;
    private static final int ATTEMPT_OVERHEAD = 256;

    private LogEntrySize() {}

    static int of(RequestLog e) {
        RequestLog.Caller c = e.caller();
        long n = ENTRY_OVERHEAD + length(e.outcome().error()) + length(e.route().deploymentKey())
                + length(c.identityId()) + length(c.threadId()) + of(c.context()) + of(c.metadata()) + of(c.request());
        for (Attempt a : e.attempts()) {
            n += ATTEMPT_OVERHEAD + length(a.error()) + length(a.reason()) + length(a.reasoning());
            if (a.toolCalls() != null) {
                for (Attempt.CalledTool t : a.toolCalls()) n += OBJECT_OVERHEAD + length(t.id()) + length(t.name()) + length(t.arguments());
            }
        }
        for (GuardrailRecord g : e.guardrails()) {
            n += OBJECT_OVERHEAD + length(g.name()) + length(g.kind()) + length(g.stage()) + length(g.result())
                    + length(g.taken()) + length(g.reason()) + of(g.found());
        }
        RequestLog.Bodies b = e.bodies();
        if (b != null) {
            n += of(b.inputs()) + length(b.answer());
            if (b.messages() != null) {
                for (PromptMessage m : b.messages()) n += of(m);
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * A message: its text, and what it holds beside it until the row is made: its media (a data URI of an image is
     * most of a request's memory; the row keeps only its reference), tool calls and reasoning.
     */
    private static long of(PromptMessage m) {
        long n = OBJECT_OVERHEAD + length(m.content()) + length(m.toolCallId());
        if (m.parts() != null) {
            for (ContentPart p : m.parts()) {
                n += OBJECT_OVERHEAD + switch (p) {
                    case ContentPart.Text t -> length(t.text());
                    case ContentPart.Image i -> length(i.url());
                    case ContentPart.File f -> length(f.data()) + length(f.uri()) + length(f.filename());
                    case ContentPart.Audio a -> length(a.data());
                };
            }
        }
        if (m.toolCalls() != null) {
            for (ToolCall t : m.toolCalls()) n += OBJECT_OVERHEAD + length(t.id()) + length(t.name()) + length(t.arguments()) + length(t.signature());
        }
        if (m.reasoning() != null) {
            for (Reasoning r : m.reasoning()) n += OBJECT_OVERHEAD + length(r.text()) + length(r.signature()) + length(r.redacted());
        }
        return n;
    }

    /** What a row made by {@link LogRows#of} holds: its strings (JSON texts included) and a fixed overhead. */
    static int ofRow(Object[] row) {
        long n = ENTRY_OVERHEAD;
        for (Object v : row) n += v instanceof String s ? STRING_OVERHEAD + s.length() : OBJECT_OVERHEAD;
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static long of(Object v) {
        if (v == null) return 0;
        if (v instanceof String s) return STRING_OVERHEAD + s.length();
        if (v instanceof Map<?, ?> map) {
            long n = OBJECT_OVERHEAD;
            for (Map.Entry<?, ?> e : map.entrySet()) n += of(e.getKey()) + of(e.getValue());
            return n;
        }
        if (v instanceof Collection<?> list) {
            long n = OBJECT_OVERHEAD;
            for (Object o : list) n += of(o);
            return n;
        }
        return OBJECT_OVERHEAD;
    }

    private static long length(String s) {
        return s == null ? 0 : STRING_OVERHEAD + s.length();
    }
}
