package dev.junction.engine.catalog;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a call needs of a model beyond text ({@link Capabilities}), each with where it is:
 * <ul>
 *   <li>an image, file or audio part: {@code images}, {@code files}, {@code audio}, at {@code messages[i].content[j]};</li>
 *   <li>an assistant message with tool calls ({@code messages[i].tool_calls}), a tool result ({@code messages[i]}) or
 *       tools in the parameters ({@code tools}): {@code tools};</li>
 *   <li>a {@code json_schema} response format ({@code response_format}): {@code jsonSchema};</li>
 *   <li>{@code reasoning_effort} or a thinking budget ({@code thinking_budget}): {@code reasoning}.</li>
 * </ul>
 * Message indexes are those of the messages as the model gets them (the variant's prompt and the request's, in order).
 * A text-only conversation with no such parameter costs one look at each message.
 */
public final class RequestNeeds {
    private RequestNeeds() {}

    /** One need: the capability, where it is, and what it is ("an image", "2 tools"). */
    public record Need(String capability, String path, String what) {
        /** "messages[2].content[0]: an image, and openai/gpt-3.5-turbo takes no images (model garden)". */
        public String refusal(String modelLabel) {
            return path + ": " + what + ", and " + modelLabel + " takes no " + Capabilities.describe(capability)
                    + " (model garden)";
        }
    }

    /** The first need of the call that {@code capabilities} lack, or null when the model takes the whole call. */
    public static Need firstMissing(Capabilities capabilities, List<PromptMessage> messages, ModelParameters parameters) {
        if (capabilities.equals(Capabilities.ALL) || !needsAny(messages, parameters)) return null;
        for (Need need : of(messages, parameters, true)) {
            if (!capabilities.has(need.capability())) return need;
        }
        return null;
    }

    /** Whether the call needs anything beyond text: the hot path of a text-only call allocates nothing. */
    private static boolean needsAny(List<PromptMessage> messages, ModelParameters parameters) {
        for (PromptMessage m : messages) {
            if (m.parts() != null || m.toolCalls() != null || m.role() == Role.TOOL) return true;
        }
        return parameters != null && ((parameters.tools() != null && !parameters.tools().isEmpty())
                || parameters.responseFormat() != null || parameters.reasoningEffort() != null
                || parameters.thinkingBudget() != null);
    }

    /** The call's first need of each capability, in the order of the messages, then the parameters. */
    public static List<Need> of(List<PromptMessage> messages, ModelParameters parameters) {
        return of(messages, parameters, false);
    }

    private static List<Need> of(List<PromptMessage> messages, ModelParameters parameters, boolean all) {
        Map<String, Need> first = new LinkedHashMap<>();
        List<Need> every = all ? new ArrayList<>() : null;
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage m = messages.get(i);
            if (m.parts() != null) {
                for (int j = 0; j < m.parts().size(); j++) {
                    ContentPart part = m.parts().get(j);
                    String path = "messages[" + i + "].content[" + j + "]";
                    switch (part) {
                        case ContentPart.Text t -> { }
                        case ContentPart.Image image -> add(first, every, new Need("images", path, "an image"));
                        case ContentPart.File file -> add(first, every, new Need("files", path, "a file"
                                + (mediaType(file) == null ? "" : " (" + mediaType(file) + ")")));
                        case ContentPart.Audio audio -> add(first, every, new Need("audio", path, "audio ("
                                + audio.format() + ")"));
                    }
                }
            }
            if (m.toolCalls() != null) {
                add(first, every, new Need("tools", "messages[" + i + "].tool_calls", "tool calls"));
            } else if (m.role() == Role.TOOL) {
                add(first, every, new Need("tools", "messages[" + i + "]", "a tool result"));
            }
        }
        if (parameters != null) {
            if (parameters.tools() != null && !parameters.tools().isEmpty()) {
                int n = parameters.tools().size();
                add(first, every, new Need("tools", "tools", n == 1 ? "a tool" : n + " tools"));
            }
            if ("json_schema".equals(parameters.responseFormatType())) {
                add(first, every, new Need("jsonSchema", "response_format", "a json_schema response format"));
            }
            if (parameters.reasoningEffort() != null) {
                add(first, every, new Need("reasoning", "reasoning_effort",
                        "reasoning_effort '" + parameters.reasoningEffort() + "'"));
            } else if (parameters.thinkingBudget() != null) {
                add(first, every, new Need("reasoning", "thinking_budget",
                        "a thinking budget of " + parameters.thinkingBudget() + " tokens"));
            }
        }
        return all ? every : List.copyOf(first.values());
    }

    /** A file's media type as given, without decoding or checking its data (that is the adapters' business). */
    private static String mediaType(ContentPart.File file) {
        String data = file.data();
        if (data != null && data.regionMatches(true, 0, "data:", 0, 5)) {
            int end = data.indexOf(';');
            int comma = data.indexOf(',');
            if (end < 0 || (comma >= 0 && comma < end)) end = comma;
            if (end > 5 && end < 5 + 128) return data.substring(5, end).strip();
        }
        return file.mediaType();
    }

    private static void add(Map<String, Need> first, List<Need> every, Need need) {
        if (every != null) every.add(need);
        else first.putIfAbsent(need.capability(), need);
    }
}
