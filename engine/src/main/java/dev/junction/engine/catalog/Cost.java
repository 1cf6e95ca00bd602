package dev.junction.engine.catalog;

import dev.junction.engine.provider.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one model call cost in US dollars, from the model garden's prices per million tokens, each part apart, with
 * where the prices came from:
 * <ul>
 *   <li>{@code inputUsd}: the prompt tokens neither read from nor written to the provider's prompt cache, at the
 *       input price;</li>
 *   <li>{@code cachedInputUsd}: the tokens read from the cache, at the model's cached-input price (the input price
 *       when the model has none);</li>
 *   <li>{@code cacheWriteUsd}: the tokens written to the cache (Anthropic), at {@value #WRITE_5M}x the input price for
 *       a five-minute entry and {@value #WRITE_1H}x for a one-hour one, Anthropic's published multipliers (the model
 *       garden has no cache-write price);</li>
 *   <li>{@code outputUsd}: the completion tokens at the output price.</li>
 * </ul>
 * {@code cacheSavedUsd} is no part of the cost: what the cached tokens would have cost at the input price, less what
 * they cost ({@code cachedInputUsd}); the write premium is not taken off it (it is {@code cacheWriteUsd}'s to show).
 */
public record Cost(BigDecimal inputUsd, BigDecimal cachedInputUsd, BigDecimal outputUsd, String priceSource,
                   BigDecimal cacheWriteUsd, BigDecimal cacheSavedUsd) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    /** Ten decimals: a millionth of a cent survives summing a month of requests. */
    public static final int SCALE = 10;
    public static final String WRITE_5M = "1.25";
    public static final String WRITE_1H = "2";
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    public Cost {
        cacheWriteUsd = cacheWriteUsd == null ? ZERO : cacheWriteUsd;
        cacheSavedUsd = cacheSavedUsd == null ? ZERO : cacheSavedUsd;
    }

    public Cost(BigDecimal inputUsd, BigDecimal cachedInputUsd, BigDecimal outputUsd, String priceSource) {
        this(inputUsd, cachedInputUsd, outputUsd, priceSource, null, null);
    }

    public BigDecimal totalUsd() {
        return inputUsd.add(cachedInputUsd).add(cacheWriteUsd).add(outputUsd);
    }

    /** The cost of {@code usage} at {@code model}'s prices. */
    public static Cost of(CatalogModel model, String priceSource, Usage usage) {
        int prompt = Math.max(0, usage.promptTokens());
        int cached = Math.max(0, Math.min(usage.cachedPromptTokens(), prompt));
        int written = Math.max(0, Math.min(usage.cacheWriteTokens(), prompt - cached));
        int written1h = Math.max(0, Math.min(usage.cacheWrite1hTokens(), written));
        int uncached = prompt - cached - written;
        BigDecimal input = model.inputPerMillion();
        BigDecimal cachedPrice = model.cachedInputPerMillion() != null ? model.cachedInputPerMillion() : input;
        BigDecimal cachedUsd = perMillion(cached, cachedPrice);
        BigDecimal writeUsd = ZERO;
        if (input != null) {
            writeUsd = perMillion(written - written1h, input.multiply(new BigDecimal(WRITE_5M)))
                    .add(perMillion(written1h, input.multiply(new BigDecimal(WRITE_1H))));
        }
        BigDecimal saved = perMillion(cached, input).subtract(cachedUsd).max(ZERO);
        return new Cost(perMillion(uncached, input), cachedUsd, perMillion(usage.completionTokens(), model.outputPerMillion()),
                priceSource, writeUsd, saved);
    }

    private static BigDecimal perMillion(int tokens, BigDecimal pricePerMillion) {
        if (tokens == 0 || pricePerMillion == null) return ZERO;
        return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, SCALE, RoundingMode.HALF_EVEN);
    }
}
