package dev.junction.engine.catalog;

import dev.junction.engine.provider.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one model call cost in US dollars, from the model garden's prices per million tokens: uncached input, cached
 * input (the part of the prompt the provider served from its cache; billed at the input price when the model has no
 * cached price) and output, each apart, with where the prices came from.
 */
public record Cost(BigDecimal inputUsd, BigDecimal cachedInputUsd, BigDecimal outputUsd, String priceSource) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Ten decimals: a millionth of a cent survives summing a month of requests. */
    public static final int SCALE = 10;

    public BigDecimal totalUsd() {
        return inputUsd.add(cachedInputUsd).add(outputUsd);
    }

    /** The cost of {@code usage} at {@code model}'s prices. */
    public static Cost of(CatalogModel model, String priceSource, Usage usage) {
        int cached = Math.max(0, Math.min(usage.cachedPromptTokens(), usage.promptTokens()));
        int uncached = Math.max(0, usage.promptTokens() - cached);
        BigDecimal cachedPrice = model.cachedInputPerMillion() != null ? model.cachedInputPerMillion() : model.inputPerMillion();
        return new Cost(
                perMillion(uncached, model.inputPerMillion()),
                perMillion(cached, cachedPrice),
                perMillion(usage.completionTokens(), model.outputPerMillion()),
                priceSource);
    }

    private static BigDecimal perMillion(int tokens, BigDecimal pricePerMillion) {
        if (tokens == 0 || pricePerMillion == null) return BigDecimal.ZERO.setScale(SCALE);
        return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, SCALE, RoundingMode.HALF_EVEN);
    }
}
