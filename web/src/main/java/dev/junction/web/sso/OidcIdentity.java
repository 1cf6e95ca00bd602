package dev.junction.web.sso;

import java.util.List;
import java.util.Objects;

/**
 * Who the identity provider says signed in, from a validated ID token. {@code issuer} + {@code subject} is the stable
 * key (an email can change hands); {@code email} is null when the token has none, and never an address the provider
 * marked unverified; {@code emailVerified} is true only when the token says {@code email_verified: true} (an absent
 * claim vouches for nothing, so such an identity is never linked to an existing account by its email).
 */
public record OidcIdentity(String issuer, String subject, String email, boolean emailVerified, String name, List<String> groups) {
    public OidcIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
