package dev.junction.store;

import static dev.junction.store.generated.Tables.PROVIDER_CONNECTIONS;

import dev.junction.engine.provider.ConnectionKind;
import dev.junction.engine.provider.ConnectionStore;
import dev.junction.engine.provider.ProviderConnection;
import dev.junction.engine.support.SecretBox;
import dev.junction.store.generated.tables.records.ProviderConnectionsRecord;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Provider connections in PostgreSQL. The API key is sealed with {@link SecretBox} before it is written (the
 * connection's name is the associated data) and opened when read; its plaintext never reaches the database.
 */
public final class JooqConnectionStore implements ConnectionStore {
    private final DSLContext dsl;
    private final SecretBox secrets;

    public JooqConnectionStore(DSLContext dsl, SecretBox secrets) {
        this.dsl = dsl;
        this.secrets = secrets;
    }

    @Override
    public List<ProviderConnection> all() {
        return dsl.selectFrom(PROVIDER_CONNECTIONS).orderBy(PROVIDER_CONNECTIONS.NAME).fetch(this::toConnection);
    }

    @Override
    public Optional<ProviderConnection> find(String name) {
        return dsl.selectFrom(PROVIDER_CONNECTIONS).where(PROVIDER_CONNECTIONS.NAME.eq(name)).fetchOptional(this::toConnection);
    }

    @Override
    public void save(ProviderConnection c) {
        SecretBox.Sealed sealed = c.hasApiKey() ? secrets.seal(c.apiKey(), c.name()) : null;
        byte[] ciphertext = sealed == null ? null : sealed.ciphertext();
        byte[] nonce = sealed == null ? null : sealed.nonce();
        Notifications.changing(dsl, "connections", db -> db.insertInto(PROVIDER_CONNECTIONS)
           .set(PROVIDER_CONNECTIONS.NAME, c.name())
           .set(PROVIDER_CONNECTIONS.KIND, c.kind().id())
           .set(PROVIDER_CONNECTIONS.BASE_URL, c.baseUrl())
           .set(PROVIDER_CONNECTIONS.API_KEY_CIPHERTEXT, ciphertext)
           .set(PROVIDER_CONNECTIONS.API_KEY_NONCE, nonce)
           .set(PROVIDER_CONNECTIONS.AZURE_DEPLOYMENT, c.azureDeployment())
           .set(PROVIDER_CONNECTIONS.AZURE_API_VERSION, c.azureApiVersion())
           .set(PROVIDER_CONNECTIONS.CREATED_AT, c.createdAt().atOffset(ZoneOffset.UTC))
           .set(PROVIDER_CONNECTIONS.UPDATED_AT, c.updatedAt().atOffset(ZoneOffset.UTC))
           .onConflict(PROVIDER_CONNECTIONS.NAME).doUpdate()
           .set(PROVIDER_CONNECTIONS.KIND, c.kind().id())
           .set(PROVIDER_CONNECTIONS.BASE_URL, c.baseUrl())
           .set(PROVIDER_CONNECTIONS.API_KEY_CIPHERTEXT, ciphertext)
           .set(PROVIDER_CONNECTIONS.API_KEY_NONCE, nonce)
           .set(PROVIDER_CONNECTIONS.AZURE_DEPLOYMENT, c.azureDeployment())
           .set(PROVIDER_CONNECTIONS.AZURE_API_VERSION, c.azureApiVersion())
           .set(PROVIDER_CONNECTIONS.UPDATED_AT, c.updatedAt().atOffset(ZoneOffset.UTC))
           .execute());
    }

    @Override
    public boolean delete(String name) {
        return Notifications.changing(dsl, "connections",
                db -> db.deleteFrom(PROVIDER_CONNECTIONS).where(PROVIDER_CONNECTIONS.NAME.eq(name)).execute() > 0);
    }

    private ProviderConnection toConnection(ProviderConnectionsRecord r) {
        String apiKey = r.getApiKeyCiphertext() == null ? null
                : secrets.open(new SecretBox.Sealed(r.getApiKeyCiphertext(), r.getApiKeyNonce()), r.getName());
        ConnectionKind kind = ConnectionKind.of(r.getKind())
                .orElseThrow(() -> new IllegalStateException("provider connection '" + r.getName() + "' has unknown kind " + r.getKind()));
        return new ProviderConnection(r.getName(), kind, r.getBaseUrl(), apiKey, r.getAzureDeployment(), r.getAzureApiVersion(),
                r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
    }
}
