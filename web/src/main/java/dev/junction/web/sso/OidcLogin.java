package dev.junction.web.sso;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.junction.engine.access.Grant;
import dev.junction.store.JooqOidcPendingLogins;
import dev.junction.store.JooqOidcPendingLogins.Pending;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The authorization code flow with PKCE, in two steps that may run on different instances: {@link #begin} stores the
 * pending sign-in (state hash, browser binding hash, nonce, code verifier, next path) in PostgreSQL and gives the
 * provider's URL; {@link #complete} takes it back (once), redeems the code and maps the person's groups to grants.
 * A pending sign-in expires after {@link #PENDING_TTL}; older ones are purged whenever a sign-in begins.
 */
public final class OidcLogin {
    static final Duration PENDING_TTL = Duration.ofMinutes(10);
    /** A provider error code as RFC 6749 spells them (shown to the person); anything else is not shown. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final JooqOidcPendingLogins pending;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** The sign-in the provider vouched for, its grants, and where the browser goes next. */
    public record Completed(OidcIdentity identity, List<Grant> grants, String next) {}

    /** What the provider sent back to the callback. */
    record Callback(String code, String state, String error, String errorDescription) {}

    public OidcLogin(OidcSettings settings, JooqOidcPendingLogins pending, Clock clock) {
        this(settings, new OidcProvider(settings), pending, clock);
    }

    OidcLogin(OidcSettings settings, OidcProvider provider, JooqOidcPendingLogins pending, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.pending = pending;
        this.clock = clock;
    }

    OidcSettings settings() {
        return settings;
    }

    /** Starts a sign-in for the browser holding {@code browser}; returns the provider's authorization URL. */
    URI begin(String next, String browser) {
        State state = new State(randomToken());
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI to = provider.authorizationRequest(state, nonce, verifier); // discovery first: no row when the provider is down
        Instant now = clock.instant();
        pending.purgeStartedBefore(now.minus(PENDING_TTL));
        pending.insert(new Pending(sha256(state.getValue()), sha256(browser), nonce.getValue(), verifier.getValue(),
                NextPath.safe(next), now));
        return to;
    }

    /** Finishes a sign-in; every failure is an {@link OidcRefusal}. */
    Completed complete(Callback callback, String browser) {
        if (callback.state() == null || callback.state().isBlank()) {
            throw new OidcRefusal(callback.error() != null ? OidcFailure.PROVIDER_ERROR : OidcFailure.MISSING_STATE,
                    "callback without state" + providerError(callback));
        }
        Pending p = pending.take(sha256(callback.state()))
                .orElseThrow(() -> new OidcRefusal(OidcFailure.UNKNOWN_STATE, "unknown or already used state"));
        if (!clock.instant().isBefore(p.createdAt().plus(PENDING_TTL))) {
            throw new OidcRefusal(OidcFailure.UNKNOWN_STATE, "state expired (sign-in started at " + p.createdAt() + ")");
        }
        if (browser == null || !MessageDigest.isEqual(sha256(browser).getBytes(StandardCharsets.US_ASCII),
                p.browserHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new OidcRefusal(OidcFailure.OTHER_BROWSER, browser == null ? "no browser binding cookie" : "browser binding cookie differs");
        }
        if (callback.error() != null) {
            throw new OidcRefusal(OidcFailure.PROVIDER_ERROR, "provider answered" + providerError(callback));
        }
        if (callback.code() == null || callback.code().isBlank()) {
            throw new OidcRefusal(OidcFailure.MISSING_STATE, "callback without code");
        }
        var claims = provider.redeem(callback.code(), new CodeVerifier(p.codeVerifier()), new Nonce(p.nonce()));
        OidcIdentity identity = IdentityClaims.from(claims, settings.groupsClaim());
        return new Completed(identity, settings.roleMap().grantsFor(identity.groups()), p.next());
    }

    /** The provider's error code when it is one of OAuth's (safe to show), for the log and the page. */
    static String shownErrorCode(String error) {
        return error != null && ERROR_CODE.matcher(error).matches() ? error : null;
    }

    private static String providerError(Callback c) {
        if (c.error() == null) return "";
        String code = shownErrorCode(c.error());
        String description = c.errorDescription() == null ? "" : c.errorDescription();
        if (description.length() > 200) description = description.substring(0, 200) + "...";
        return " error=" + (code == null ? "(malformed)" : code) + (description.isEmpty() ? "" : " description="
                + description.replaceAll("\\p{Cntrl}", " "));
    }

    /** 32 random bytes, base64url. */
    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
