package dev.junction.engine.access;

import java.util.List;

/**
 * Who is making a panel API request: a person ({@link Kind#USER}), a service account (a named admin token with a
 * role and a scope) or the bootstrap admin token. Its grants decide every permission check.
 *
 * @param id the user's or token's id ({@value AdminTokens#BOOTSTRAP} for the bootstrap token)
 * @param name what the audit trail and authorship show (an email for a person)
 */
public record Principal(Kind kind, String id, String name, List<Grant> grants) {
    public enum Kind {
        USER, SERVICE, BOOTSTRAP;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Principal {
        grants = List.copyOf(grants);
    }

    /** The bootstrap admin token: admin on everything. */
    public static Principal bootstrap() {
        return new Principal(Kind.BOOTSTRAP, AdminTokens.BOOTSTRAP, AdminTokens.BOOTSTRAP, List.of(Grant.everywhere(Role.ADMIN)));
    }

    /** Whether some grant gives the permission on this project and folder. */
    public boolean can(Permission permission, String project, String folder) {
        for (Grant g : grants) if (g.allows(permission, project, folder)) return true;
        return false;
    }

    /** Whether a grant on everything gives the permission (for what belongs to no project: providers, keys, people). */
    public boolean canEverywhere(Permission permission) {
        for (Grant g : grants) if (g.global() && g.has(permission)) return true;
        return false;
    }

    /** Whether some grant gives the permission somewhere (lists then show only what it covers). */
    public boolean canSomewhere(Permission permission) {
        for (Grant g : grants) if (g.has(permission)) return true;
        return false;
    }

    /** The highest role among the grants, or null without any. */
    public Role highestRole() {
        Role best = null;
        for (Grant g : grants) if (best == null || g.role().includes(best)) best = g.role();
        return best;
    }
}
