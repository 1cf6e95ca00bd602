package dev.junction.store;

import static dev.junction.store.generated.Tables.ADMIN_TOKENS;

import dev.junction.engine.access.AdminTokenRecord;
import dev.junction.engine.access.AdminTokenStore;
import dev.junction.engine.access.Grant;
import dev.junction.engine.access.Role;
import dev.junction.store.generated.tables.records.AdminTokensRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Named admin tokens (their hashes) in PostgreSQL. */
public final class JooqAdminTokenStore implements AdminTokenStore {
    private final DSLContext dsl;

    public JooqAdminTokenStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(AdminTokenRecord token) {
        dsl.transaction(tx -> {
            tx.dsl().insertInto(ADMIN_TOKENS)
               .set(ADMIN_TOKENS.ID, token.id())
               .set(ADMIN_TOKENS.NAME, token.name())
               .set(ADMIN_TOKENS.TOKEN_HASH, token.hash())
               .set(ADMIN_TOKENS.PREFIX, token.prefix())
               .set(ADMIN_TOKENS.CREATED_AT, token.createdAt().atOffset(ZoneOffset.UTC))
               .set(ADMIN_TOKENS.ROLE, token.grant().role().wire())
               .set(ADMIN_TOKENS.SCOPE, token.grant().scope())
               .set(ADMIN_TOKENS.BODIES, token.grant().bodies())
               .execute();
            Notifications.publish(tx.dsl(), Notifications.of("admin_tokens"));
        });
    }

    @Override
    public List<AdminTokenRecord> all() {
        return dsl.selectFrom(ADMIN_TOKENS)
                .orderBy(ADMIN_TOKENS.CREATED_AT, ADMIN_TOKENS.ID)
                .fetch(JooqAdminTokenStore::toRecord);
    }

    @Override
    public Optional<AdminTokenRecord> find(UUID id) {
        return dsl.selectFrom(ADMIN_TOKENS).where(ADMIN_TOKENS.ID.eq(id)).fetchOptional().map(JooqAdminTokenStore::toRecord);
    }

    @Override
    public Optional<AdminTokenRecord> revoke(UUID id, Instant at) {
        return dsl.transactionResult(tx -> {
            Optional<AdminTokenRecord> revoked = tx.dsl().update(ADMIN_TOKENS)
                    .set(ADMIN_TOKENS.REVOKED_AT, DSL.coalesce(ADMIN_TOKENS.REVOKED_AT, DSL.val(at.atOffset(ZoneOffset.UTC))))
                    .where(ADMIN_TOKENS.ID.eq(id))
                    .returning()
                    .fetchOptional()
                    .map(JooqAdminTokenStore::toRecord);
            if (revoked.isPresent()) Notifications.publish(tx.dsl(), Notifications.of("admin_tokens"));
            return revoked;
        });
    }

    private static AdminTokenRecord toRecord(AdminTokensRecord r) {
        return new AdminTokenRecord(r.getId(), r.getName(), r.getPrefix(), r.getTokenHash(), r.getCreatedAt().toInstant(),
                r.getRevokedAt() == null ? null : r.getRevokedAt().toInstant(),
                new Grant(Role.parse(r.getRole()).orElse(Role.VIEWER), r.getScope(), Boolean.TRUE.equals(r.getBodies())));
    }
}
