package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The author of a chat message, as every provider's wire format names it. */
public enum Role {
    SYSTEM, DEVELOPER, USER, ASSISTANT, TOOL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) return role;
        }
        throw new IllegalArgumentException("unknown role '" + value + "' (expected system, developer, user, assistant or tool)");
    }
}
