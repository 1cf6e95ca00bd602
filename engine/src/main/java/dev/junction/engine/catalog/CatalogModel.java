package dev.junction.engine.catalog;

import java.math.BigDecimal;

/**
 * A model of the model garden: its limits and its prices in US dollars per million tokens (input, output and
 * cached input). Only active models may be used by a variant.
 */
public record CatalogModel(String provider, String model, int contextWindow, int maxOutputTokens,
                           BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
                           boolean active) {
}
