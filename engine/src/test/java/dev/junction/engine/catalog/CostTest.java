package dev.junction.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The cost of a call with prompt cache reads and writes, to the ten-decimal cent. */
class CostTest {
    /** $3 input, $0.30 cached input, $15 output per million tokens (Claude Sonnet 4.5's list prices). */
    private static final CatalogModel SONNET = new CatalogModel("anthropic", "claude-sonnet-4-5", 200_000, 64_000,
            new BigDecimal("3.00"), new BigDecimal("15.00"), new BigDecimal("0.30"), true);

    private static BigDecimal usd(String value) {
        return new BigDecimal(value).setScale(Cost.SCALE);
    }

    @Test
    void cache_reads_are_billed_at_the_cached_price_and_save_the_difference() {
        // Anthropic: input_tokens 21 + cache_read_input_tokens 2304; 7 output
        Cost cost = Cost.of(SONNET, "t", new Usage(2325, 7, 2304, 0, 0, 0));

        assertThat(cost.inputUsd()).isEqualTo(usd("0.000063"));        // 21 x 3 / 1e6
        assertThat(cost.cachedInputUsd()).isEqualTo(usd("0.0006912"));  // 2304 x 0.30 / 1e6
        assertThat(cost.cacheWriteUsd()).isEqualTo(usd("0"));
        assertThat(cost.outputUsd()).isEqualTo(usd("0.000105"));        // 7 x 15 / 1e6
        assertThat(cost.totalUsd()).isEqualTo(usd("0.0008592"));
        assertThat(cost.cacheSavedUsd()).isEqualTo(usd("0.0062208"));   // 2304 x (3 - 0.30) / 1e6
    }

    @Test
    void cache_writes_are_billed_at_one_and_a_quarter_times_input_for_five_minutes_and_twice_for_an_hour() {
        Cost fiveMinutes = Cost.of(SONNET, "t", new Usage(2325, 7, 0, 0, 2304, 0));
        Cost oneHour = Cost.of(SONNET, "t", new Usage(2325, 7, 0, 0, 2304, 2304));
        Cost mixed = Cost.of(SONNET, "t", new Usage(2325, 7, 0, 0, 2304, 304));

        assertThat(fiveMinutes.inputUsd()).isEqualTo(usd("0.000063"));
        assertThat(fiveMinutes.cacheWriteUsd()).isEqualTo(usd("0.00864"));   // 2304 x 3.75 / 1e6
        assertThat(oneHour.cacheWriteUsd()).isEqualTo(usd("0.013824"));      // 2304 x 6 / 1e6
        assertThat(mixed.cacheWriteUsd()).isEqualTo(usd("0.009324"));        // 2000 x 3.75 + 304 x 6
        assertThat(oneHour.totalUsd()).isEqualTo(usd("0.013992"));
        assertThat(oneHour.cacheSavedUsd()).isEqualTo(usd("0"));
    }

    @Test
    void openai_cached_tokens_are_part_of_the_prompt_and_a_model_without_a_cached_price_saves_nothing() {
        CatalogModel mini = new CatalogModel("openai", "gpt-4o-mini", 128_000, 16_384,
                new BigDecimal("0.15"), new BigDecimal("0.60"), new BigDecimal("0.075"), true);
        Cost cost = Cost.of(mini, "t", new Usage(2006, 8, 1920));
        assertThat(cost.inputUsd()).isEqualTo(usd("0.0000129"));        // 86 x 0.15 / 1e6
        assertThat(cost.cachedInputUsd()).isEqualTo(usd("0.000144"));   // 1920 x 0.075 / 1e6
        assertThat(cost.cacheSavedUsd()).isEqualTo(usd("0.000144"));

        CatalogModel noDiscount = new CatalogModel("groq", "llama", 128_000, 8192,
                new BigDecimal("0.59"), new BigDecimal("0.79"), null, true);
        Cost plain = Cost.of(noDiscount, "t", new Usage(2006, 8, 1920));
        assertThat(plain.cacheSavedUsd()).isEqualTo(usd("0"));
        assertThat(plain.inputUsd().add(plain.cachedInputUsd())).isEqualTo(usd("0.00118354")); // 2006 x 0.59 / 1e6
    }
}
