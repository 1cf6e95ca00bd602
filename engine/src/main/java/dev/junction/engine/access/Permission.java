package dev.junction.engine.access;

import java.util.Locale;

/**
 * What a route or screen needs, and the least role that has it. {@link #READ_BODIES} (prompt and answer bodies in
 * logs) is not part of any role but {@code admin}: a grant carries it as its own flag.
 */
public enum Permission {
    /** Deployments, versions, analytics, logs without bodies, the model garden. */
    VIEW(Role.VIEWER),
    /** Prompt and answer bodies in logs. */
    READ_BODIES(Role.ADMIN),
    /** Drafts, routing tables, rule tests, the simulator, replay. */
    EDIT(Role.ANALYST),
    /** Deploy, roll back, approve or reject a deploy review, invalidate a deployment's cache. */
    DEPLOY(Role.DEPLOYER),
    /** Providers, the model garden, API keys, service accounts, limits and budgets, people, the audit trail. */
    ADMIN(Role.ADMIN);

    private final Role least;

    Permission(Role least) {
        this.least = least;
    }

    /** The least role that has this permission (for {@link #READ_BODIES}: admin, or any role with the flag). */
    public Role least() {
        return least;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
