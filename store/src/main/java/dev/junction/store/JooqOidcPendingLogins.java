package dev.junction.store;

import static dev.junction.store.generated.Tables.OIDC_PENDING;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * OpenID Connect sign-ins under way (V018), in PostgreSQL so that the provider's callback may land on any instance.
 * A pending sign-in is taken at most once: {@link #take} deletes and returns it in one statement, so two callbacks
 * with the same state (a replay, or two instances racing) cannot both get it.
 */
public final class JooqOidcPendingLogins {
    /**
     * A sign-in under way.
     *
     * @param stateHash    SHA-256 (hex) of the state sent to the provider
     * @param browserHash  SHA-256 (hex) of the binding cookie of the browser that started it
     * @param nonce        the nonce the ID token must carry
     * @param codeVerifier the PKCE code verifier the token request must carry
     * @param next         where the browser goes once signed in (a checked /panel path)
     */
    public record Pending(String stateHash, String browserHash, String nonce, String codeVerifier, String next,
                          Instant createdAt) {}

    private final DSLContext dsl;

    public JooqOidcPendingLogins(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(Pending p) {
        dsl.insertInto(OIDC_PENDING)
                .set(OIDC_PENDING.STATE_HASH, p.stateHash())
                .set(OIDC_PENDING.BROWSER_HASH, p.browserHash())
                .set(OIDC_PENDING.NONCE, p.nonce())
                .set(OIDC_PENDING.CODE_VERIFIER, p.codeVerifier())
                .set(OIDC_PENDING.NEXT_PATH, p.next())
                // truncated as PostgreSQL would otherwise round: a rounded-up start would live a little past its 10 minutes
                .set(OIDC_PENDING.CREATED_AT, p.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Removes and returns the pending sign-in of this state hash (whatever its age: the caller judges expiry). */
    public Optional<Pending> take(String stateHash) {
        return dsl.deleteFrom(OIDC_PENDING)
                .where(OIDC_PENDING.STATE_HASH.eq(stateHash))
                .returning()
                .fetchOptional()
                .map(r -> new Pending(r.getStateHash(), r.getBrowserHash(), r.getNonce(), r.getCodeVerifier(),
                        r.getNextPath(), r.getCreatedAt().toInstant()));
    }

    /** Deletes the sign-ins started before {@code cutoff} (abandoned ones); returns how many. */
    public int purgeStartedBefore(Instant cutoff) {
        return dsl.deleteFrom(OIDC_PENDING).where(OIDC_PENDING.CREATED_AT.lt(cutoff.atOffset(ZoneOffset.UTC))).execute();
    }
}
