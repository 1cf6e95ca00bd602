package dev.junction.engine.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A model catalog held in memory, keyed by provider and model. Thread-safe; reads are lock-free. */
public final class InMemoryModelCatalog implements ModelCatalog {
    private final Map<String, CatalogModel> models = new ConcurrentHashMap<>();

    public InMemoryModelCatalog(Collection<CatalogModel> initial) {
        initial.forEach(this::put);
    }

    @Override
    public Optional<CatalogModel> find(String provider, String model) {
        return Optional.ofNullable(models.get(id(provider, model)));
    }

    public void put(CatalogModel model) {
        models.put(id(model.provider(), model.model()), model);
    }

    public List<CatalogModel> all() {
        return models.values().stream()
                .sorted(java.util.Comparator.comparing(CatalogModel::provider).thenComparing(CatalogModel::model))
                .toList();
    }

    private static String id(String provider, String model) {
        return provider + "\u0000" + model;
    }
}
