package dev.junction.engine.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person who signs in to the panel: with a password (an Argon2id PHC string, never shown) or by OpenID Connect
 * (issuer and subject). {@code grants} are set by admins; {@code ssoGrants} come from the identity provider's groups
 * and are replaced at each single sign-on.
 */
public record User(UUID id, String email, String name, String passwordHash, String oidcIssuer, String oidcSubject,
                   List<Grant> grants, List<Grant> ssoGrants, Instant createdAt, Instant updatedAt,
                   Instant lastSignInAt, Instant disabledAt) {
    public enum Status {
        ACTIVE, INVITED, DISABLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public User {
        grants = List.copyOf(grants);
        ssoGrants = List.copyOf(ssoGrants);
    }

    public Status status() {
        if (disabledAt != null) return Status.DISABLED;
        return passwordHash == null && oidcSubject == null ? Status.INVITED : Status.ACTIVE;
    }

    public boolean sso() {
        return oidcSubject != null;
    }

    /** Every grant, the admins' and the identity provider's. */
    public List<Grant> allGrants() {
        List<Grant> all = new ArrayList<>(grants);
        all.addAll(ssoGrants);
        return all;
    }

    public Principal principal() {
        return new Principal(Principal.Kind.USER, id.toString(), email, allGrants());
    }

    /** Whether this person, when active, is an admin on everything. */
    public boolean globalAdmin() {
        return disabledAt == null && allGrants().stream().anyMatch(g -> g.global() && g.role() == Role.ADMIN);
    }

    public User with(String email, String name, String passwordHash, List<Grant> grants, List<Grant> ssoGrants,
                     Instant updatedAt, Instant disabledAt) {
        return new User(id, email, name, passwordHash, oidcIssuer, oidcSubject, grants, ssoGrants, createdAt, updatedAt,
                lastSignInAt, disabledAt);
    }
}
