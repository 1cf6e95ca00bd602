package dev.junction.engine.access;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or service account may do, each role including the ones before it: a {@code viewer} reads analytics
 * and logs (without prompt and answer bodies), an {@code analyst} also edits drafts, routing tables and rule tests and
 * runs the simulator and replays, a {@code deployer} also deploys, rolls back and reviews deploys, an {@code admin}
 * also manages providers, the model garden, API keys, limits and people.
 */
public enum Role {
    VIEWER, ANALYST, DEPLOYER, ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        if (text == null) return Optional.empty();
        for (Role r : values()) if (r.wire().equals(text.strip().toLowerCase(Locale.ROOT))) return Optional.of(r);
        return Optional.empty();
    }
}
