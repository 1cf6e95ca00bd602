package dev.junction.engine.provider;

import java.util.Arrays;
import java.util.Optional;

/** What a stored provider connection talks to. All three speak OpenAI's chat-completions wire format. */
public enum ConnectionKind {
    OPENAI("openai", "openai"),
    AZURE("azure", "azure"),
    OPENAI_COMPATIBLE("openai-compatible", "openailike");

    private final String id;
    private final String orqProvider;

    ConnectionKind(String id, String orqProvider) {
        this.id = id;
        this.orqProvider = orqProvider;
    }

    /** As the API and the database spell it. */
    public String id() { return id; }

    /** The Orquesta SDK's name for answers from such a connection. */
    public String orqProvider() { return orqProvider; }

    public static Optional<ConnectionKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
