package dev.junction.web.http;

import dev.junction.engine.access.ApiKeyAccess;
import dev.junction.engine.access.ApiKeys;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The API key of an invoke-API request ({@code /v1}, {@code /v2}): the key itself from {@link ApiKeys}' memory, with
 * its scope (checked by the engine once the request names its deployment) and its expiry, checked here against the
 * clock on every request.
 */
public final class ApiKeyAuth {
    /** The {@code error_code} of an expired key's 401, beside the invalid key's. */
    public static final String EXPIRED = "api_key_expired";

    private ApiKeyAuth() {}

    /**
     * @throws ApiError 401 without a valid API key (missing, unknown, revoked: {@link Auth#requireApiKey}'s answer),
     *                  and 401 {@code API key '<name>' expired at <instant>} for an expired one
     */
    public static ApiKeyAccess require(Context ctx, ApiKeys apiKeys) {
        ApiKeyAccess[] found = new ApiKeyAccess[1];
        Auth.requireApiKey(ctx, token -> {
            found[0] = apiKeys.find(token);
            return found[0] == null ? null : found[0].id();
        });
        ApiKeyAccess key = found[0];
        if (apiKeys.expired(key)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "API key '" + key.name() + "' expired at " + key.expiresAt()
                    + ": an admin can set a later expiry (PATCH /api/keys/{id}) or make a new key", null,
                    Map.of(dev.junction.web.openai.OpenAiErrorBody.ERROR_CODE, EXPIRED, "expired_at", key.expiresAt().toString()));
        }
        return key;
    }
}
