package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;

import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Whose logged requests a call may read and change: every request ({@link #ADMIN}: the /api routes and the panel),
 * or only those made with one API key (the /v2 routes). A row without a key (the simulator's, and every row logged
 * before keys were recorded) is in no key's scope.
 */
public final class LogScope {
    public static final LogScope ADMIN = new LogScope(null);

    private final UUID apiKeyId;

    private LogScope(UUID apiKeyId) {
        this.apiKeyId = apiKeyId;
    }

    /** The requests made with the API key of this id. */
    public static LogScope apiKey(UUID apiKeyId) {
        return new LogScope(Objects.requireNonNull(apiKeyId, "apiKeyId"));
    }

    /** The rows of request_logs in this scope. */
    Condition rows() {
        return apiKeyId == null ? DSL.noCondition() : REQUEST_LOGS.API_KEY_ID.eq(apiKeyId);
    }

    @Override
    public String toString() {
        return apiKeyId == null ? "LogScope[admin]" : "LogScope[apiKey=" + apiKeyId + "]";
    }
}
