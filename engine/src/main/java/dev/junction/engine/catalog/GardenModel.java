package dev.junction.engine.catalog;

import java.time.Instant;

/**
 * A model as the garden stores it: the catalog entry, whether a user added or edited it ({@code custom}: the
 * shipped price table no longer overwrites it), and which price table its figures come from (null when custom).
 */
public record GardenModel(CatalogModel model, boolean custom, String priceTableVersion, Instant updatedAt) {
}
