package dev.junction.engine.catalog;

import java.util.List;

/**
 * The shipped price table: its version (which later cost records name), where the figures came from, and the
 * models. Every model in it is inactive until someone activates it.
 */
public record PriceTable(String version, String source, List<CatalogModel> models) {
    public PriceTable {
        models = List.copyOf(models);
    }
}
