package dev.junction.engine.log;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.guard.detect.Masking;
import dev.junction.engine.guard.detect.PiiDetector;
import dev.junction.engine.invoke.Attempt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment's {@code maskPiiInLogs}: every PII kind the detector knows ({@link PiiDetector}) masked in what a log
 * entry keeps of the conversation, before the entry leaves the request: the inputs (string values, nested ones too),
 * the messages' text and tool-call arguments, the answer, and the answering attempt's tool-call arguments and
 * reasoning. The model saw the text unmasked (for that, a {@code pii} guardrail with action {@code redact}).
 */
public final class LogPii {
    private static final PiiDetector ALL = PiiDetector.of(Set.of());

    private LogPii() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        var found = ALL.find(text);
        return found.isEmpty() ? text : Masking.mask(text, found);
    }

    public static RequestLog.Bodies mask(RequestLog.Bodies bodies) {
        if (bodies == null) return null;
        List<PromptMessage> messages = null;
        if (bodies.messages() != null) {
            messages = new ArrayList<>(bodies.messages().size());
            for (PromptMessage m : bodies.messages()) messages.add(mask(m));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = bodies.inputs() == null ? null : (Map<String, Object>) maskValue(bodies.inputs());
        return new RequestLog.Bodies(inputs, messages, mask(bodies.answer()), bodies.finishReason());
    }

    private static PromptMessage mask(PromptMessage m) {
        List<ToolCall> calls = null;
        if (m.toolCalls() != null) {
            calls = new ArrayList<>(m.toolCalls().size());
            for (ToolCall c : m.toolCalls()) calls.add(new ToolCall(c.id(), c.name(), mask(c.arguments()), c.signature()));
        }
        List<ContentPart> parts = null;
        if (m.parts() != null) {
            parts = new ArrayList<>(m.parts().size());
            for (ContentPart p : m.parts()) parts.add(p instanceof ContentPart.Text t ? new ContentPart.Text(mask(t.text())) : p);
        }
        return new PromptMessage(m.role(), parts == null ? mask(m.content()) : null, parts, calls, m.toolCallId(), m.reasoning());
    }

    private static Object maskValue(Object value) {
        if (value instanceof String s) return mask(s);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(String.valueOf(e.getKey()), maskValue(e.getValue()));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(maskValue(o));
            return out;
        }
        return value;
    }

    /** The attempts with their answer's tool-call arguments and reasoning masked. */
    public static List<Attempt> maskAttempts(List<Attempt> attempts) {
        List<Attempt> out = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            Attempt.Output o = a.output();
            if (o == null) {
                out.add(a);
                continue;
            }
            List<Attempt.CalledTool> calls = new ArrayList<>(o.toolCalls().size());
            for (Attempt.CalledTool c : o.toolCalls()) calls.add(new Attempt.CalledTool(c.id(), c.name(), mask(c.arguments())));
            out.add(a.withOutput(new Attempt.Output(calls, mask(o.reasoning()))));
        }
        return List.copyOf(out);
    }
}
