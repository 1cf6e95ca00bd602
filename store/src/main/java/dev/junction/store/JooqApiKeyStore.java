package dev.junction.store;

import static dev.junction.store.generated.Tables.API_KEYS;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.access.ApiKeyStore;
import dev.junction.store.generated.tables.records.ApiKeysRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** API keys (their hashes, scopes and expiries) in PostgreSQL; every change is a notification on {@code api_keys}. */
public final class JooqApiKeyStore implements ApiKeyStore {
    private final DSLContext dsl;

    public JooqApiKeyStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(ApiKeyRecord key) {
        dsl.transaction(tx -> {
            tx.dsl().insertInto(API_KEYS)
               .set(API_KEYS.ID, key.id())
               .set(API_KEYS.NAME, key.name())
               .set(API_KEYS.PREFIX, key.prefix())
               .set(API_KEYS.KEY_HASH, key.hash())
               .set(API_KEYS.CREATED_AT, key.createdAt().atOffset(ZoneOffset.UTC))
               .set(API_KEYS.SCOPE_PROJECTS, array(key.scope().projects()))
               .set(API_KEYS.SCOPE_DEPLOYMENTS, array(key.scope().deployments()))
               .set(API_KEYS.EXPIRES_AT, utc(key.expiresAt()))
               .execute();
            Notifications.publish(tx.dsl(), Notifications.of("api_keys"));
        });
    }

    @Override
    public List<ApiKeyRecord> active() {
        return dsl.selectFrom(API_KEYS)
                .where(API_KEYS.REVOKED_AT.isNull())
                .fetch(JooqApiKeyStore::toRecord);
    }

    @Override
    public List<ApiKeyRecord> all() {
        return dsl.selectFrom(API_KEYS)
                .orderBy(API_KEYS.CREATED_AT, API_KEYS.ID)
                .fetch(JooqApiKeyStore::toRecord);
    }

    @Override
    public Optional<ApiKeyRecord> revoke(UUID id, Instant at) {
        return dsl.transactionResult(tx -> {
            Optional<ApiKeyRecord> revoked = tx.dsl().update(API_KEYS)
                    .set(API_KEYS.REVOKED_AT, DSL.coalesce(API_KEYS.REVOKED_AT, DSL.val(at.atOffset(ZoneOffset.UTC))))
                    .where(API_KEYS.ID.eq(id))
                    .returning()
                    .fetchOptional()
                    .map(JooqApiKeyStore::toRecord);
            if (revoked.isPresent()) Notifications.publish(tx.dsl(), Notifications.of("api_keys"));
            return revoked;
        });
    }

    @Override
    public Optional<ApiKeyRecord> limit(UUID id, ApiKeyScope scope, Instant expiresAt) {
        return dsl.transactionResult(tx -> {
            Optional<ApiKeyRecord> changed = tx.dsl().update(API_KEYS)
                    .set(API_KEYS.SCOPE_PROJECTS, array(scope.projects()))
                    .set(API_KEYS.SCOPE_DEPLOYMENTS, array(scope.deployments()))
                    .set(API_KEYS.EXPIRES_AT, utc(expiresAt))
                    .where(API_KEYS.ID.eq(id).and(API_KEYS.REVOKED_AT.isNull()))
                    .returning()
                    .fetchOptional()
                    .map(JooqApiKeyStore::toRecord);
            if (changed.isPresent()) Notifications.publish(tx.dsl(), Notifications.of("api_keys"));
            return changed;
        });
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static ApiKeyRecord toRecord(ApiKeysRecord r) {
        return new ApiKeyRecord(r.getId(), r.getName(), r.getPrefix(), r.getKeyHash(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant(),
                new ApiKeyScope(list(r.getScopeProjects()), list(r.getScopeDeployments())),
                r.getExpiresAt() == null ? null : r.getExpiresAt().toInstant());
    }
}
