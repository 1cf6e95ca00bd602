package dev.junction.store;

import static dev.junction.store.generated.Tables.API_KEYS;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyStore;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

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
                .fetch(r -> new ApiKeyRecord(r.getId(), r.getName(), r.getPrefix(), r.getKeyHash(),
                        r.getCreatedAt().toInstant(), null));
    }
}
