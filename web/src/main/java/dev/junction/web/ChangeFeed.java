package dev.junction.web;

import dev.junction.engine.access.AdminTokens;
import dev.junction.engine.access.People;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.catalog.ModelGarden;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.provider.ProviderConnections;
import dev.junction.engine.spend.Quotas;
import dev.junction.store.Notifications;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an instance does when it hears a change on the shared database (another instance's, or its own): reload what
 * changed; {@code resync} (at start, and after the listener reconnects) reloads everything.
 */
final class ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

    private ChangeFeed() {}

    static Consumer<Notifications.Event> handler(DeploymentService deployments, ApiKeys apiKeys, AdminTokens adminTokens,
                                                 ProviderConnections connections, ModelGarden garden, AnswerCache cache,
                                                 Quotas quotas, People people) {
        return event -> {
            switch (event.type()) {
                case "deployment" -> deployments.refresh(event.key());
                case "api_keys" -> apiKeys.reload();
                case "admin_tokens" -> adminTokens.reload();
                case "connections" -> connections.reload();
                case "catalog" -> garden.reload();
                case "response_cache" -> cache.dropLocal(event.key());
                case "quotas" -> quotas.reload();
                case "users" -> people.reload();
                case "resync" -> {
                    connections.reload();
                    garden.reload();
                    deployments.activateAll();
                    apiKeys.reload();
                    adminTokens.reload();
                    cache.dropAllLocal(); // an invalidation may have been missed while not listening
                    quotas.reload();
                    people.reload();
                }
                default -> LOG.debug("ignoring notification {}", event);
            }
        };
    }
}
