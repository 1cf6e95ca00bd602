package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DataUri;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Junction's provider-neutral request as a {@code generateContent} body. Pure; no I/O.
 * <ul>
 *   <li>Turns: system (and developer) messages become {@code systemInstruction} (text only); user messages
 *       {@code user} turns; assistant messages {@code model} turns, their text then one {@code functionCall} part per
 *       tool call ({@code args} the arguments' JSON object, {@code id} kept, {@code thoughtSignature} from
 *       {@link ToolCall#signature}); tool messages {@code user} turns with a {@code functionResponse} part, as
 *       Google's SDKs send them. Consecutive messages of one role share a turn, so parallel tool results are one
 *       turn. A function response's {@code name} is that of the call its {@code tool_call_id} answers, found in
 *       the earlier assistant messages; its {@code response} is the result when that is a JSON object, else
 *       {@code {"output": result}} (a JSON array as an array, any other text as a string), {@code output} being the
 *       key Google's API reads as a function's output.</li>
 *   <li>Thought signatures: Gemini 3 refuses a model turn whose first function call has no signature (history from
 *       another provider, or from a model that returned none); that call is sent with Google's documented stand-in
 *       {@value #FOREIGN_SIGNATURE}. Reasoning blocks ({@link PromptMessage#reasoning()}) are not sent back: thought
 *       summaries are output only, a signature on a text part is optional to return, and a block may hold another
 *       provider's signature, which Google would refuse as corrupt.</li>
 *   <li>Media: a {@code data:} URI (image, file) or base64 audio becomes {@code inlineData}; an image's
 *       {@code https} URL or a file's {@code uri} becomes {@code fileData} (Gemini fetches public and signed URLs,
 *       Files API and Cloud Storage URIs). {@code fileData} needs a media type: a file by URI must name one; an
 *       image URL's is read from its extension, and one without a known image extension is refused. A file's
 *       {@code filename} has no place in the Gemini API (its {@code displayName} is Vertex-only) and is not sent;
 *       nor is an image's {@code detail}, OpenAI's hint (Gemini picks its own media resolution). Inline images must
 *       be PNG, JPEG, WebP, HEIC or HEIF, the types Gemini reads; audio wav, mp3, aiff, aac, ogg or flac.</li>
 *   <li>Tools: {@code functionDeclarations} with {@code parametersJsonSchema} (plain JSON Schema; the older
 *       {@code parameters} takes only an OpenAPI subset). {@code tool_choice}: auto {@code AUTO}, none {@code NONE},
 *       required {@code ANY}, a named function {@code ANY} with {@code allowedFunctionNames}. Gemini has no per-tool
 *       {@code strict} (arguments are checked by the gateway against the tool's schema) and cannot be held to one
 *       call a turn, so {@code parallel_tool_calls: false} is refused.</li>
 *   <li>{@code response_format}: {@code json_object} is {@code responseMimeType: application/json};
 *       {@code json_schema} adds {@code responseJsonSchema}, which takes standard JSON Schema
 *       ({@code responseSchema} takes only Google's OpenAPI subset).</li>
 *   <li>Reasoning ({@code generationConfig.thinkingConfig}): a thinking budget is sent as {@code thinkingBudget}
 *       (every thinking model takes it). An effort alone is {@code thinkingLevel} ({@code MINIMAL|LOW|MEDIUM|HIGH})
 *       for Gemini 3 and later; Gemini 2.x models take no level, so there it is a budget as Google's own
 *       OpenAI-compatible endpoint maps it (low 1,024, medium 8,192, high 24,576 tokens; minimal 512, the smallest
 *       every 2.5 model takes; none 0). Whenever thinking is on, {@code includeThoughts: true} asks for the thought
 *       summaries.</li>
 * </ul>
 * A part or parameter Gemini cannot take is refused by its path ({@link ProviderFailure.Unsupported}, so the
 * fallback is tried); a malformed one (a bad data URI, a result for no call) is a {@link ProviderFailure.BadRequest}.
 */
final class GeminiRequestMapper {
    /** Google's stand-in signature for function calls the model did not make itself (Gemini 3 validates them). */
    static final String FOREIGN_SIGNATURE = "skip_thought_signature_validator";

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/heic", "image/heif");
    private static final Map<String, String> IMAGE_EXTENSIONS = Map.of(".png", "image/png", ".jpg", "image/jpeg",
            ".jpeg", "image/jpeg", ".webp", "image/webp", ".heic", "image/heic", ".heif", "image/heif");
    private static final Map<String, String> AUDIO_TYPES = Map.of("wav", "audio/wav", "mp3", "audio/mp3",
            "aiff", "audio/aiff", "aac", "audio/aac", "ogg", "audio/ogg", "flac", "audio/flac");
    private static final Map<String, Integer> TWO_X_BUDGETS = Map.of("none", 0, "minimal", 512, "low", 1024,
            "medium", 8192, "high", 24576);

    private GeminiRequestMapper() {
    }

    /**
     * @throws ProviderException with {@link ProviderFailure.Unsupported} or {@link ProviderFailure.BadRequest}
     *                           naming the part or parameter Gemini cannot be sent
     */
    static GeminiWire.GenerateContentRequest toWire(ChatRequest request) {
        List<GeminiWire.Part> system = new ArrayList<>();
        List<GeminiWire.Content> contents = new ArrayList<>();
        Map<String, String> callNames = new HashMap<>();
        List<PromptMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage message = messages.get(i);
            String at = "messages[" + i + "]";
            switch (message.role()) {
                case SYSTEM, DEVELOPER -> system.addAll(systemParts(message, at));
                case USER -> add(contents, "user", contentParts(message, at));
                case ASSISTANT -> {
                    List<GeminiWire.Part> parts = new ArrayList<>(contentParts(message, at));
                    if (message.toolCalls() != null) {
                        for (int k = 0; k < message.toolCalls().size(); k++) {
                            ToolCall call = message.toolCalls().get(k);
                            parts.add(functionCall(call, at + ".tool_calls[" + k + "]"));
                            if (call.id() != null) callNames.put(call.id(), call.name());
                        }
                    }
                    add(contents, "model", parts);
                }
                case TOOL -> add(contents, "user", List.of(functionResponse(message, at, callNames)));
            }
        }
        signFirstCalls(contents);
        ModelParameters p = request.parameters();
        GeminiWire.GenerationConfig config = generationConfig(p, request.model());
        List<GeminiWire.Tool> tools = tools(p);
        return new GeminiWire.GenerateContentRequest(contents,
                system.isEmpty() ? null : new GeminiWire.Content(null, system),
                config.isEmpty() ? null : config, tools, toolConfig(p, tools != null));
    }

    static String requestBody(ChatRequest request) {
        try {
            return GeminiMapper.JSON.writeValueAsString(toWire(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a generateContent request", e);
        }
    }

    // ---- turns ---------------------------------------------------------------------------------------------------

    private static void add(List<GeminiWire.Content> contents, String role, List<GeminiWire.Part> parts) {
        if (parts.isEmpty()) return; // Gemini refuses a turn without parts; an empty message says nothing
        if (!contents.isEmpty() && role.equals(contents.getLast().role())) {
            contents.getLast().parts().addAll(parts);
        } else {
            contents.add(new GeminiWire.Content(role, new ArrayList<>(parts)));
        }
    }

    private static List<GeminiWire.Part> systemParts(PromptMessage message, String at) {
        List<GeminiWire.Part> parts = new ArrayList<>();
        List<ContentPart> content = message.partsOrText();
        for (int j = 0; j < content.size(); j++) {
            if (!(content.get(j) instanceof ContentPart.Text text)) {
                throw unsupported(at + ".content[" + j + "]: gemini takes only text in the system instruction, not "
                        + article(content.get(j).kind()));
            }
            if (!text.text().isEmpty()) parts.add(GeminiWire.Part.text(text.text()));
        }
        return parts;
    }

    private static List<GeminiWire.Part> contentParts(PromptMessage message, String at) {
        List<GeminiWire.Part> parts = new ArrayList<>();
        List<ContentPart> content = message.partsOrText();
        for (int j = 0; j < content.size(); j++) {
            GeminiWire.Part part = part(content.get(j), at + ".content[" + j + "]");
            if (part != null) parts.add(part);
        }
        return parts;
    }

    /** The part on Gemini's wire, or null for empty text. */
    private static GeminiWire.Part part(ContentPart part, String at) {
        return switch (part) {
            case ContentPart.Text t -> t.text().isEmpty() ? null : GeminiWire.Part.text(t.text());
            case ContentPart.Image image -> image(image, at);
            case ContentPart.File file -> file(file, at);
            case ContentPart.Audio audio -> audio(audio, at);
        };
    }

    private static GeminiWire.Part image(ContentPart.Image image, String at) {
        String url = image.url();
        if (DataUri.looksLike(url)) {
            DataUri data = dataUri(url, at + ".url");
            if (!IMAGE_TYPES.contains(data.mediaType())) {
                throw unsupported(at + ": gemini takes images as PNG, JPEG, WebP, HEIC or HEIF, not " + data.mediaType());
            }
            return GeminiWire.Part.inline(data.mediaType(), data.base64());
        }
        if (!isUrl(url)) {
            throw new ProviderException(new ProviderFailure.BadRequest(0,
                    at + ".url: an image is a data: URI or an https URL"));
        }
        String mediaType = imageTypeOf(url);
        if (mediaType == null) {
            throw unsupported(at + ".url: gemini needs an image URL's media type, and this URL has no image extension"
                    + " (.png, .jpg, .jpeg, .webp, .heic, .heif); send the image as a data: URI");
        }
        return GeminiWire.Part.file(mediaType, url);
    }

    private static GeminiWire.Part file(ContentPart.File file, String at) {
        if (file.data() != null) {
            DataUri data = dataUri(file.data(), at + ".data");
            return GeminiWire.Part.inline(data.mediaType(), data.base64());
        }
        if (file.uri() == null || file.uri().isBlank()) {
            throw new ProviderException(new ProviderFailure.BadRequest(0, at + ": a file needs data or a uri"));
        }
        if (file.mediaType() == null || file.mediaType().isBlank()) {
            throw new ProviderException(new ProviderFailure.BadRequest(0,
                    at + ".media_type: a file by uri needs its media type (application/pdf, ...)"));
        }
        return GeminiWire.Part.file(file.mediaType().strip().toLowerCase(Locale.ROOT), file.uri());
    }

    private static GeminiWire.Part audio(ContentPart.Audio audio, String at) {
        if (DataUri.looksLike(audio.data())) {
            DataUri data = dataUri(audio.data(), at + ".data");
            return GeminiWire.Part.inline(data.mediaType(), data.base64());
        }
        String mediaType = AUDIO_TYPES.get(audio.format().strip().toLowerCase(Locale.ROOT));
        if (mediaType == null) {
            throw unsupported(at + ".format: gemini takes audio as wav, mp3, aiff, aac, ogg or flac, not " + audio.format());
        }
        DataUri data = dataUri("data:" + mediaType + ";base64," + audio.data(), at + ".data");
        return GeminiWire.Part.inline(mediaType, data.base64());
    }

    private static DataUri dataUri(String text, String at) {
        try {
            return DataUri.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(new ProviderFailure.BadRequest(0, at + ": " + e.getMessage()));
        }
    }

    private static boolean isUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("gs://");
    }

    /** The image media type its URL's path ends with ({@code .png}...), query and fragment aside; null if none. */
    static String imageTypeOf(String url) {
        String path = url;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) path = path.substring(0, cut);
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) return null;
        return IMAGE_EXTENSIONS.get(path.substring(dot).toLowerCase(Locale.ROOT));
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    // ---- tool calls and results ----------------------------------------------------------------------------------

    private static GeminiWire.Part functionCall(ToolCall call, String at) {
        JsonNode args;
        try {
            args = GeminiMapper.JSON.readTree(call.arguments());
        } catch (JsonProcessingException e) {
            args = null;
        }
        if (args == null || !args.isObject()) {
            throw new ProviderException(new ProviderFailure.BadRequest(0,
                    at + ".function.arguments: gemini takes a call's arguments as a JSON object"));
        }
        return GeminiWire.Part.call(new GeminiWire.FunctionCall(call.id(), call.name(), args), call.signature());
    }

    private static GeminiWire.Part functionResponse(PromptMessage message, String at, Map<String, String> callNames) {
        List<ContentPart> content = message.partsOrText();
        for (int j = 0; j < content.size(); j++) {
            if (!(content.get(j) instanceof ContentPart.Text)) {
                throw unsupported(at + ".content[" + j + "]: gemini takes a tool result as text (JSON), not "
                        + article(content.get(j).kind()));
            }
        }
        String id = message.toolCallId();
        String name = id == null ? null : callNames.get(id);
        if (name == null) {
            throw new ProviderException(new ProviderFailure.BadRequest(0, at + ".tool_call_id: "
                    + (id == null ? "a tool result must name the call it answers" : "\"" + id + "\" answers no earlier tool call")));
        }
        return GeminiWire.Part.response(new GeminiWire.FunctionResponse(id, name, responseObject(message.content())));
    }

    /** A tool's result as a JSON object: itself when it is one, else {@code {"output": result}}. */
    static JsonNode responseObject(String result) {
        JsonNode parsed;
        try {
            parsed = result.isBlank() ? null : GeminiMapper.JSON.readTree(result);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed != null && parsed.isObject()) return parsed;
        ObjectNode wrapped = GeminiMapper.JSON.createObjectNode();
        if (parsed != null && parsed.isArray()) wrapped.set("output", parsed);
        else wrapped.put("output", result);
        return wrapped;
    }

    /** The first function call of each model turn carries a signature: its own, else Google's stand-in. */
    private static void signFirstCalls(List<GeminiWire.Content> contents) {
        for (GeminiWire.Content content : contents) {
            if (!"model".equals(content.role())) continue;
            List<GeminiWire.Part> parts = content.parts();
            for (int k = 0; k < parts.size(); k++) {
                GeminiWire.Part part = parts.get(k);
                if (part.functionCall() == null) continue;
                if (part.thoughtSignature() == null) parts.set(k, GeminiWire.Part.call(part.functionCall(), FOREIGN_SIGNATURE));
                break;
            }
        }
    }

    // ---- parameters ----------------------------------------------------------------------------------------------

    private static GeminiWire.GenerationConfig generationConfig(ModelParameters p, String model) {
        String mimeType = null;
        Object schema = null;
        String format = p.responseFormatType();
        if (p.responseFormat() != null && format == null) {
            throw new ProviderException(new ProviderFailure.BadRequest(0, "response_format.type is missing"));
        }
        if (format != null) {
            switch (format) {
                case "text" -> {
                }
                case "json_object" -> mimeType = "application/json";
                case "json_schema" -> {
                    mimeType = "application/json";
                    schema = p.responseSchema();
                }
                default -> throw unsupported("response_format.type: gemini takes text, json_object or json_schema, not " + format);
            }
        }
        List<String> stop = p.stop() == null || p.stop().isEmpty() ? null : p.stop();
        return new GeminiWire.GenerationConfig(p.temperature(), p.topP(), p.topK(), p.maxTokens(), stop,
                p.presencePenalty(), p.frequencyPenalty(), p.seed(), mimeType, schema, thinkingConfig(p, model));
    }

    static GeminiWire.ThinkingConfig thinkingConfig(ModelParameters p, String model) {
        Integer budget = p.thinkingBudget();
        String level = null;
        if (budget == null && p.reasoningEffort() != null) {
            String effort = p.reasoningEffort().strip().toLowerCase(Locale.ROOT);
            if (!TWO_X_BUDGETS.containsKey(effort)) {
                throw unsupported("reasoning_effort: gemini takes none, minimal, low, medium or high, not " + p.reasoningEffort());
            }
            if (isTwoX(model) || effort.equals("none")) budget = TWO_X_BUDGETS.get(effort);
            else level = effort.toUpperCase(Locale.ROOT);
        }
        if (budget == null && level == null) return null;
        boolean thinking = budget == null || budget != 0;
        return new GeminiWire.ThinkingConfig(thinking ? Boolean.TRUE : null, budget, level);
    }

    /** Gemini 2.x (and 1.x) models: a thinking budget, no thinking level. */
    private static boolean isTwoX(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) name = name.substring("models/".length());
        return name.startsWith("gemini-2") || name.startsWith("gemini-1");
    }

    private static List<GeminiWire.Tool> tools(ModelParameters p) {
        if (Boolean.FALSE.equals(p.parallelToolCalls()) && p.tools() != null && !p.tools().isEmpty()) {
            throw unsupported("parallel_tool_calls: gemini cannot be held to one tool call a turn");
        }
        if (p.tools() == null || p.tools().isEmpty()) return null;
        return List.of(new GeminiWire.Tool(p.tools().stream()
                .map(t -> new GeminiWire.FunctionDeclaration(t.name(), t.description(), t.parameters()))
                .toList()));
    }

    private static GeminiWire.ToolConfig toolConfig(ModelParameters p, boolean hasTools) {
        ToolChoice choice = p.toolChoice();
        if (choice == null || choice.mode() == null) return null;
        GeminiWire.FunctionCallingConfig config = switch (choice.mode()) {
            case "auto" -> new GeminiWire.FunctionCallingConfig("AUTO", null);
            case "none" -> new GeminiWire.FunctionCallingConfig("NONE", null);
            case "required" -> new GeminiWire.FunctionCallingConfig("ANY", null);
            case "function" -> {
                if (choice.name() == null || p.tool(choice.name()) == null) {
                    throw new ProviderException(new ProviderFailure.BadRequest(0, "tool_choice.function.name: \""
                            + choice.name() + "\" is not one of the tools"));
                }
                yield new GeminiWire.FunctionCallingConfig("ANY", List.of(choice.name()));
            }
            default -> throw new ProviderException(new ProviderFailure.BadRequest(0,
                    "tool_choice: auto, none, required or a function, not " + choice.mode()));
        };
        if (!hasTools) {
            if (config.mode().equals("ANY")) {
                throw new ProviderException(new ProviderFailure.BadRequest(0, "tool_choice: " + choice.mode()
                        + " needs tools"));
            }
            return null; // auto or none without tools: nothing to say
        }
        return new GeminiWire.ToolConfig(config);
    }

    private static ProviderException unsupported(String message) {
        return new ProviderException(new ProviderFailure.Unsupported(message));
    }

    private static String article(String kind) {
        return (kind.startsWith("a") || kind.startsWith("i") ? "an " : "a ") + kind;
    }
}
