package dev.junction.engine.provider;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.provider.openai.OpenAiConnection;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored provider connections and the live registry: saving or deleting a connection swaps its adapter in
 * {@link Providers}, so the next call uses it without redeploying. A stored API key is bound to the kind and base URL
 * it was given with: changing either needs the key again (or {@code ""} to drop it), so an admin token cannot
 * redirect a write-only key to a server of its choosing. A stored connection wins over a bootstrap one
 * of the same name (the {@code OPENAI_API_KEY} connection); deleting the stored one brings the bootstrap back.
 */
public final class ProviderConnections {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderConnections.class);
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ConnectionStore store;
    private final Providers providers;
    private final Function<ProviderConnection, ProviderAdapter> adapters;
    private final Map<String, ProviderAdapter> bootstrap;
    private final Clock clock;

    /**
     * @param adapters  makes the adapter of a connection ({@link ProviderAdapters#create} on the shared HTTP client);
     *                  throws IllegalArgumentException "field: problem" for a connection it cannot use
     * @param bootstrap connections configured outside the store, by name, already in {@code providers}
     */
    public ProviderConnections(ConnectionStore store, Providers providers, Function<ProviderConnection, ProviderAdapter> adapters,
                               Map<String, ProviderAdapter> bootstrap, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.adapters = adapters;
        this.bootstrap = Map.copyOf(bootstrap);
        this.clock = clock;
    }

    /**
     * Makes the registry match the store again, after another instance saved or deleted a connection: stored
     * connections are (re)built, a deleted one gives way to its bootstrap connection or disappears.
     */
    public synchronized void reload() {
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (ProviderConnection c : store.all()) {
            try {
                providers.put(adapters.apply(c));
            } catch (IllegalArgumentException e) {
                LOG.error("stored provider connection '{}' cannot be used: {}", c.name(), e.getMessage());
                continue;
            }
            stored.add(c.name());
        }
        for (String name : List.copyOf(providers.names())) {
            if (stored.contains(name) || name.equals(dev.junction.engine.provider.simulator.SimulatorProvider.NAME)) continue;
            ProviderAdapter fallback = bootstrap.get(name);
            if (fallback == null) providers.remove(name);
            else if (providers.find(name).orElse(null) != fallback) providers.put(fallback);
        }
    }

    public List<ProviderConnection> list() {
        return store.all();
    }

    public Optional<ProviderConnection> find(String name) {
        return store.find(name);
    }

    /** A save: the connection, or the errors by field; {@code created} when there was none of that name. */
    public record Result(ProviderConnection connection, List<FieldError> errors, boolean created) {}

    /** Creates or replaces the connection {@code name}, then swaps its adapter in. */
    public Result put(String name, ConnectionInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 1 to 64 letters, digits, '-' or '_'"));
        } else if (SimulatorProvider.NAME.equals(name)) {
            errors.add(new FieldError("name", "'simulator' is built in"));
        }
        Optional<ProviderConnection> existing = name == null ? Optional.empty() : store.find(name);
        ConnectionKind kind = null;
        if (input.kind() == null) {
            errors.add(new FieldError("kind", "required: one of " + ConnectionKind.ids()));
        } else {
            kind = ConnectionKind.of(input.kind()).orElse(null);
            if (kind == null) errors.add(new FieldError("kind", "must be one of " + ConnectionKind.ids()));
        }
        String apiKey = input.apiKey() != null ? input.apiKey() : existing.map(ProviderConnection::apiKey).orElse(null);
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
        String baseUrl = input.baseUrl() == null && kind != null ? kind.defaultBaseUrl() : input.baseUrl();
        if (kind == ConnectionKind.AZURE) {
            if (blank(input.azureDeployment())) errors.add(new FieldError("azureDeployment", "required for an azure connection"));
            if (blank(input.azureApiVersion())) errors.add(new FieldError("azureApiVersion", "required for an azure connection, e.g. 2024-10-21"));
        }
        if (kind != null && (baseUrl == null || baseUrl.isBlank())) {
            errors.add(new FieldError("baseUrl", "required for a " + kind.id() + " connection: an http(s) URL"));
        }
        if (kind != null && input.apiKey() == null && existing.isPresent() && existing.get().hasApiKey()
                && baseUrl != null && movesTheKey(existing.get(), kind, baseUrl)) {
            ProviderConnection was = existing.get();
            errors.add(new FieldError("apiKey", "required again to change kind or baseUrl: the stored key was given for "
                    + was.kind().id() + " at " + was.displayBaseUrl() + " and is sent nowhere else"
                    + " (send the key again, or \"\" to save the connection without one)"));
        } else if (kind != null && kind.requiresApiKey() && apiKey == null) {
            errors.add(new FieldError("apiKey", "required for an " + kind.id() + " connection"));
        }
        Instant now = clock.instant();
        ProviderConnection connection = null;
        ProviderAdapter adapter = null;
        if (kind != null && errors.isEmpty()) {
            connection = new ProviderConnection(name, kind, baseUrl == null ? null : baseUrl.strip(), apiKey,
                    kind == ConnectionKind.AZURE ? input.azureDeployment().strip() : null,
                    kind == ConnectionKind.AZURE ? input.azureApiVersion().strip() : null,
                    existing.map(ProviderConnection::createdAt).orElse(now), now);
            try {
                adapter = adapters.apply(connection);
                connection = new ProviderConnection(name, kind, normalized(connection.baseUrl()), connection.apiKey() == null ? null
                        : connection.apiKey().strip(), connection.azureDeployment(), connection.azureApiVersion(), connection.createdAt(), now);
            } catch (IllegalArgumentException e) {
                errors.add(fieldError(e.getMessage()));
            }
        }
        if (!errors.isEmpty()) return new Result(null, errors, existing.isEmpty());
        store.save(connection);
        providers.put(adapter);
        LOG.info("provider connection '{}' ({}) saved -> {}", name, kind.id(), connection.displayBaseUrl());
        return new Result(connection, List.of(), existing.isEmpty());
    }

    /** @return whether there was such a stored connection */
    public boolean delete(String name) {
        if (!store.delete(name)) return false;
        ProviderAdapter fallback = bootstrap.get(name);
        if (fallback != null) providers.put(fallback);
        else providers.remove(name);
        LOG.info("provider connection '{}' deleted{}", name, fallback == null ? "" : " (the configured bootstrap connection is back)");
        return true;
    }

    /**
     * Whether saving {@code kind} at {@code baseUrl} would send the stored key of {@code was} to another place or in
     * another wire format: a stored secret is bound to where it was given.
     */
    private static boolean movesTheKey(ProviderConnection was, ConnectionKind kind, String baseUrl) {
        return kind != was.kind() || !normalized(baseUrl).equals(normalized(was.baseUrl()));
    }

    private static String normalized(String baseUrl) {
        String s = baseUrl.strip();
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** The OpenAI wire-level connection of a stored one. @throws IllegalArgumentException "field: problem" */
    public static OpenAiConnection toOpenAi(ProviderConnection c) {
        if (c.kind() == ConnectionKind.AZURE) {
            return OpenAiConnection.azure(c.name(), c.baseUrl(), c.apiKey(), c.azureDeployment(), c.azureApiVersion(), null);
        }
        return new OpenAiConnection(c.name(), c.baseUrl(), c.apiKey(), c.kind().orqProvider(), null);
    }

    private static FieldError fieldError(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        if (colon > 0 && !message.substring(0, colon).contains(" ")) {
            return new FieldError(message.substring(0, colon), message.substring(colon + 2));
        }
        return new FieldError("body", String.valueOf(message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
