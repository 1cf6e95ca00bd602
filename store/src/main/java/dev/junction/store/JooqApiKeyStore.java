package dev.junction.store;

import static dev.junction.store.generated.Tables.API_KEYS;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyStore;
import dev.junction.store.generated.tables.records.ApiKeysRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** API keys (their hashes) in PostgreSQL. */
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

    private static ApiKeyRecord toRecord(ApiKeysRecord r) {
        return new ApiKeyRecord(r.getId(), r.getName(), r.getPrefix(), r.getKeyHash(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant());
    }
}
