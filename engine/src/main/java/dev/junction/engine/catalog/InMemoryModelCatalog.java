package dev.junction.engine.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A model catalog held in memory, keyed by provider and model. Thread-safe; reads are lock-free. */
public final class InMemoryModelCatalog implements ModelCatalog {
    private final Map<String, CatalogModel> models = new ConcurrentHashMap<>();
    private final Map<String, String> priceSources = new ConcurrentHashMap<>();

    public InMemoryModelCatalog(Collection<CatalogModel> initial) {
        initial.forEach(this::put);
    }

    @Override
    public Optional<CatalogModel> find(String provider, String model) {
        return Optional.ofNullable(models.get(id(provider, model)));
    }

    @Override
    public String priceSource(String provider, String model) {
        return priceSources.get(id(provider, model));
    }

    public void put(CatalogModel model) {
        models.put(id(model.provider(), model.model()), model);
    }

    /** Puts a model with where its prices come from (see {@link ModelCatalog#priceSource}). */
    public void put(CatalogModel model, String priceSource) {
        String id = id(model.provider(), model.model());
        if (priceSource == null) priceSources.remove(id);
        else priceSources.put(id, priceSource);
        models.put(id, model);
    }

    /** The price source of a stored model: its price table's version, or {@code custom@<updatedAt>}. */
    public static String priceSourceOf(GardenModel m) {
        if (m.priceTableVersion() != null) return m.priceTableVersion();
        return m.updatedAt() == null ? "custom" : "custom@" + m.updatedAt();
    }

    public void put(GardenModel m) {
        put(m.model(), priceSourceOf(m));
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
