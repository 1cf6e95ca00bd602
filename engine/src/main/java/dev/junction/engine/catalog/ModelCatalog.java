package dev.junction.engine.catalog;

import java.util.Optional;

/** The model garden, as validation and the invoke path read it (port). */
public interface ModelCatalog {
    Optional<CatalogModel> find(String provider, String model);
}
