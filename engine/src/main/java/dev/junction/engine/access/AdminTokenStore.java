package dev.junction.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where named admin tokens are kept (port). */
public interface AdminTokenStore {
    void insert(AdminTokenRecord token);

    /** Every token, revoked ones included, oldest first. */
    List<AdminTokenRecord> all();

    Optional<AdminTokenRecord> find(UUID id);

    /**
     * Marks the token revoked at {@code at} unless it already is (the first revocation time stays).
     *
     * @return the token as it now is, or empty when no token has this id
     */
    Optional<AdminTokenRecord> revoke(UUID id, Instant at);
}
