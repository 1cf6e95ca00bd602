package dev.junction.engine.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider connections this gateway knows, by name. Thread-safe: reads are lock-free (one volatile read of
 * an immutable map), writes copy the map under a lock, so a changed connection takes effect on the next call.
 */
public final class Providers {
    private volatile Map<String, ProviderAdapter> byName;

    public Providers(List<ProviderAdapter> adapters) {
        Map<String, ProviderAdapter> map = new LinkedHashMap<>();
        for (ProviderAdapter adapter : adapters) {
            if (map.putIfAbsent(adapter.name(), adapter) != null) {
                throw new IllegalArgumentException("two provider connections named '" + adapter.name() + "'");
            }
        }
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<ProviderAdapter> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** The names, in the order they were added. */
    public Collection<String> names() {
        return byName.keySet();
    }

    /** Adds a connection, or replaces the one of the same name. */
    public synchronized void put(ProviderAdapter adapter) {
        Map<String, ProviderAdapter> copy = new LinkedHashMap<>(byName);
        copy.put(adapter.name(), adapter);
        byName = java.util.Collections.unmodifiableMap(copy);
    }

    /** @return whether there was a connection of that name */
    public synchronized boolean remove(String name) {
        if (!byName.containsKey(name)) return false;
        Map<String, ProviderAdapter> copy = new LinkedHashMap<>(byName);
        copy.remove(name);
        byName = java.util.Collections.unmodifiableMap(copy);
        return true;
    }
}
