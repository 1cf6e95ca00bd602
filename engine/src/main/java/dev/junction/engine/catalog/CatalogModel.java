package dev.junction.engine.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A model of the model garden: its limits, its prices in US dollars per million tokens (input, output and
 * cached input) and what it takes beyond text ({@link Capabilities}). Only active models may be used by a variant.
 */
public record CatalogModel(String provider, String model, int contextWindow, int maxOutputTokens,
                           BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
                           boolean active, Capabilities capabilities) {
    public CatalogModel {
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** A model with every capability (as a model nobody described is taken to have). */
    public CatalogModel(String provider, String model, int contextWindow, int maxOutputTokens,
                        BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
                        boolean active) {
        this(provider, model, contextWindow, maxOutputTokens, inputPerMillion, outputPerMillion, cachedInputPerMillion,
                active, Capabilities.ALL);
    }

    public CatalogModel withCapabilities(Capabilities value) {
        return new CatalogModel(provider, model, contextWindow, maxOutputTokens, inputPerMillion, outputPerMillion,
                cachedInputPerMillion, active, value);
    }

    /** "provider/model", as errors name it. */
    public String label() {
        return provider + "/" + model;
    }
}
