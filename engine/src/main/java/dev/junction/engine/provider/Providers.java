package dev.junction.engine.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The provider connections this gateway knows, by name. Immutable. */
public final class Providers {
    private final Map<String, ProviderAdapter> byName;

    public Providers(List<ProviderAdapter> adapters) {
        Map<String, ProviderAdapter> map = new LinkedHashMap<>();
        for (ProviderAdapter adapter : adapters) {
            if (map.putIfAbsent(adapter.name(), adapter) != null) {
                throw new IllegalArgumentException("two provider connections named '" + adapter.name() + "'");
            }
        }
        this.byName = Map.copyOf(map);
    }

    public Optional<ProviderAdapter> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
