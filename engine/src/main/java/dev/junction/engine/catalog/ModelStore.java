package dev.junction.engine.catalog;

import java.util.List;
import java.util.Optional;

/** Where the model garden lives (port). */
public interface ModelStore {

    /**
     * Inserts the table's models that are missing and refreshes the limits, prices and capabilities of those no user edited
     * ({@code custom = false}). Never changes {@code active} of an existing row. Records the table's version.
     */
    void seed(PriceTable table, List<CatalogModel> builtIn);

    List<GardenModel> all();

    Optional<GardenModel> find(String provider, String model);

    /** Creates or replaces a model's limits, prices and capabilities as a user edit ({@code custom = true}); keeps {@code active}. */
    GardenModel saveCustom(CatalogModel model);

    /** @return the updated model, or empty when there is no such model */
    Optional<GardenModel> setActive(String provider, String model, boolean active);

    /** The version of the price table last seeded, or null before the first seed. */
    String priceTableVersion();
}
