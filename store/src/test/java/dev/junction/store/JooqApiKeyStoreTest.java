package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JooqApiKeyStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqApiKeyStore store = new JooqApiKeyStore(db.dsl());
    private final Ids ids = new Ids(Clock.systemUTC());
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    private ApiKeyRecord key(String name, String hash, Instant created) {
        return new ApiKeyRecord(ids.next(), name, "jk_" + name, hash, created, null);
    }

    @Test
    void a_revoked_key_leaves_the_active_list_but_stays_in_the_full_list_with_its_revocation_time() {
        ApiKeyRecord web = key("web", "a".repeat(64), t0);
        ApiKeyRecord mobile = key("mobile", "b".repeat(64), t0.plus(1, ChronoUnit.HOURS));
        store.insert(mobile);
        store.insert(web);

        Instant revokedAt = t0.plus(2, ChronoUnit.HOURS);
        ApiKeyRecord revoked = store.revoke(web.id(), revokedAt).orElseThrow();

        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(store.active()).extracting(ApiKeyRecord::name).containsExactly("mobile");
        assertThat(store.all()).extracting(ApiKeyRecord::name).containsExactly("web", "mobile");
        assertThat(store.all().getFirst().revokedAt()).isEqualTo(revokedAt);
    }

    @Test
    void revoking_twice_keeps_the_first_revocation_time_and_an_unknown_key_finds_nothing() {
        ApiKeyRecord web = key("web", "a".repeat(64), t0);
        store.insert(web);
        Instant first = t0.plus(1, ChronoUnit.DAYS);
        store.revoke(web.id(), first);

        assertThat(store.revoke(web.id(), first.plus(1, ChronoUnit.DAYS))).get()
                .extracting(ApiKeyRecord::revokedAt).isEqualTo(first);
        assertThat(store.revoke(UUID.randomUUID(), first)).isEmpty();
    }

    @Test
    void a_scope_and_an_expiry_are_kept_and_can_be_changed_until_the_key_is_revoked() {
        Instant expires = t0.plus(30, ChronoUnit.DAYS);
        ApiKeyRecord app = new ApiKeyRecord(ids.next(), "app", "jk_app", "c".repeat(64), t0, null,
                new ApiKeyScope(List.of("support/emea", "checkout"), List.of("faq")), expires);
        store.insert(app);

        ApiKeyRecord read = store.active().getFirst();
        assertThat(read.scope().projects()).containsExactly("support/emea", "checkout");
        assertThat(read.scope().deployments()).containsExactly("faq");
        assertThat(read.expiresAt()).isEqualTo(expires);

        ApiKeyRecord changed = store.limit(app.id(), ApiKeyScope.EVERYTHING, null).orElseThrow();
        assertThat(changed.scope().everything()).isTrue();
        assertThat(changed.expiresAt()).isNull();
        assertThat(store.all().getFirst()).isEqualTo(changed);

        store.revoke(app.id(), t0.plus(1, ChronoUnit.DAYS));
        assertThat(store.limit(app.id(), ApiKeyScope.projects("x"), null)).isEmpty();
        assertThat(store.limit(UUID.randomUUID(), ApiKeyScope.projects("x"), null)).isEmpty();
        assertThat(store.all().getFirst().scope().everything()).isTrue();
    }

    @Test
    void a_key_made_before_scopes_existed_reaches_every_deployment_and_never_expires() {
        UUID id = ids.next();
        db.dsl().execute("INSERT INTO api_keys (id, name, prefix, key_hash, created_at) VALUES (?, 'old', 'jk_old', ?, now())",
                id, "d".repeat(64));
        ApiKeyRecord old = store.active().getFirst();
        assertThat(old.scope()).isEqualTo(ApiKeyScope.EVERYTHING);
        assertThat(old.expiresAt()).isNull();
    }
}
