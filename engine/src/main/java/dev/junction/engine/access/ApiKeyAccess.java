package dev.junction.engine.access;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An active API key as the request path sees it: its id (what the request log records), its name (for messages), its
 * scope and when it expires (null: never). Held in memory by {@link ApiKeys}; never the key or its hash.
 */
public record ApiKeyAccess(UUID id, String name, ApiKeyScope scope, Instant expiresAt) {
    public ApiKeyAccess {
        Objects.requireNonNull(id, "id");
        scope = scope == null ? ApiKeyScope.EVERYTHING : scope;
    }

    /** Whether the key has expired at {@code now} (an expiry is the first instant it no longer works). */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * Refuses a deployment outside the scope. {@code project}/{@code folder} are where the deployment's live version
     * lives; {@code project} is null when it has none (it does not exist, or was never deployed), and then only a
     * key that lists the deployment by its key may go on (to its 404): a scoped key learns nothing of what lies
     * outside its scope.
     *
     * @throws OutOfScopeException the deployment is not in the key's scope
     */
    public void check(String deploymentKey, String project, String folder) {
        if (!scope.covers(deploymentKey, project, folder)) throw new OutOfScopeException(this, deploymentKey);
    }
}
