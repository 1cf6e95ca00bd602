package dev.junction.engine.deployment;

import java.util.Objects;

/** One message of a prompt. In a variant, {@code content} may hold {@code {{variables}}}. */
public record PromptMessage(Role role, String content) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }

    public static PromptMessage system(String content) { return new PromptMessage(Role.SYSTEM, content); }
    public static PromptMessage user(String content) { return new PromptMessage(Role.USER, content); }
    public static PromptMessage assistant(String content) { return new PromptMessage(Role.ASSISTANT, content); }
}
