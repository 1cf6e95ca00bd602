package dev.junction.engine.catalog;

import java.util.Optional;

/** The model garden, as validation and the invoke path read it (port). */
public interface ModelCatalog {
    Optional<CatalogModel> find(String provider, String model);

    /**
     * Where a model's prices come from, recorded with every cost: the shipped price table's version, or
     * {@code custom@<time of the edit>} for a model someone added or edited. Null when unknown.
     */
    default String priceSource(String provider, String model) {
        return null;
    }
}
