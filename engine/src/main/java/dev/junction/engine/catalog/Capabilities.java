package dev.junction.engine.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a model of the garden takes beyond plain text:
 * <ul>
 *   <li>{@code tools}: function calling (a variant's or a request's {@code tools}, and a conversation holding tool
 *       calls and tool results);</li>
 *   <li>{@code images}: image parts (vision);</li>
 *   <li>{@code files}: document parts (PDF and other files);</li>
 *   <li>{@code audio}: audio input parts;</li>
 *   <li>{@code jsonSchema}: a {@code json_schema} response format (structured outputs; {@code json_object} needs
 *       nothing);</li>
 *   <li>{@code reasoning}: reasoning settings ({@code reasoning_effort}, a thinking budget).</li>
 * </ul>
 * Before a call, a request that needs one the model lacks is not sent: a failed attempt with reason
 * {@code capability}, and the variant moves on to its fallback. The names in {@link #NAMES} are the API's and the
 * price table's spelling.
 */
public record Capabilities(boolean tools, boolean images, boolean files, boolean audio, boolean jsonSchema,
                           boolean reasoning) {

    /** Every capability, in the order the API lists them. */
    public static final List<String> NAMES = List.of("tools", "images", "files", "audio", "jsonSchema", "reasoning");

    /** Everything: the default of a model nobody described (nothing it is asked is refused by the gateway). */
    public static final Capabilities ALL = new Capabilities(true, true, true, true, true, true);

    /** Text in, text out, nothing else. */
    public static final Capabilities TEXT_ONLY = new Capabilities(false, false, false, false, false, false);

    /** Whether the model has the capability of this name (one of {@link #NAMES}). */
    public boolean has(String name) {
        return switch (name) {
            case "tools" -> tools;
            case "images" -> images;
            case "files" -> files;
            case "audio" -> audio;
            case "jsonSchema" -> jsonSchema;
            case "reasoning" -> reasoning;
            default -> throw new IllegalArgumentException("no capability named '" + name + "'");
        };
    }

    /** The names of the capabilities the model has, in the order of {@link #NAMES}. */
    public List<String> names() {
        List<String> out = new ArrayList<>(NAMES.size());
        for (String n : NAMES) if (has(n)) out.add(n);
        return out;
    }

    /**
     * The capabilities named, the others off.
     *
     * @throws IllegalArgumentException naming the first unknown name
     */
    public static Capabilities of(Collection<String> names) {
        for (String n : names) {
            if (!NAMES.contains(n)) throw new IllegalArgumentException("unknown capability '" + n + "': one of " + NAMES);
        }
        return new Capabilities(names.contains("tools"), names.contains("images"), names.contains("files"),
                names.contains("audio"), names.contains("jsonSchema"), names.contains("reasoning"));
    }

    /** These capabilities with {@code name} set to {@code value}. */
    public Capabilities with(String name, boolean value) {
        return new Capabilities(
                name.equals("tools") ? value : tools,
                name.equals("images") ? value : images,
                name.equals("files") ? value : files,
                name.equals("audio") ? value : audio,
                name.equals("jsonSchema") ? value : jsonSchema,
                name.equals("reasoning") ? value : reasoning);
    }

    /** How errors and warnings name a capability after "takes no": "images", "json_schema response format"... */
    public static String describe(String name) {
        return switch (name) {
            case "tools" -> "tools";
            case "images" -> "images";
            case "files" -> "files";
            case "audio" -> "audio";
            case "jsonSchema" -> "json_schema response format";
            case "reasoning" -> "reasoning settings";
            default -> name;
        };
    }
}
