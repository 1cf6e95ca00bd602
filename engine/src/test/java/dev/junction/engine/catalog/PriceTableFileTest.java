package dev.junction.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.junction.engine.deployment.FieldError;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PriceTableFileTest {

    @Test
    void the_shipped_table_has_a_version_a_source_and_consistent_inactive_models_of_six_providers() {
        PriceTable table = PriceTableFile.shipped();

        assertThat(table.version()).isEqualTo("2026-11-01");
        assertThat(table.source()).contains("openai").contains("anthropic");
        assertThat(table.models()).extracting(CatalogModel::provider).contains("openai", "anthropic", "google", "groq", "mistral", "deepseek");
        assertThat(table.models()).allSatisfy(m -> {
            assertThat(m.active()).isFalse();
            assertThat(m.maxOutputTokens()).isLessThanOrEqualTo(m.contextWindow());
            assertThat(m.cachedInputPerMillion()).isLessThanOrEqualTo(m.inputPerMillion());
        });
    }

    @Test
    void prices_are_read_exactly_as_decimals() {
        CatalogModel nano = PriceTableFile.shipped().models().stream()
                .filter(m -> m.model().equals("gpt-4.1-nano")).findFirst().orElseThrow();

        assertThat(nano.cachedInputPerMillion()).isEqualTo(new BigDecimal("0.025"));
    }

    @Test
    void a_model_with_more_output_than_context_is_refused_naming_it() {
        String json = """
                {"version": "x", "models": [{"provider": "p", "model": "m", "contextWindow": 10, "maxOutputTokens": 20,
                  "inputPerMillion": 1, "outputPerMillion": 1, "cachedInputPerMillion": 1}]}""";

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriceTableFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .withMessageContaining("models[0]").withMessageContaining("maxOutputTokens");
    }

    @Test
    void validation_names_every_bad_field() {
        assertThat(ModelGarden.validate("openai", "gpt/x", 0, -1, new BigDecimal("-1"), null, BigDecimal.ZERO))
                .extracting(FieldError::path)
                .containsExactly("model", "contextWindow", "maxOutputTokens", "inputPerMillion", "outputPerMillion");
    }

    @Test
    void every_shipped_model_says_what_it_takes_beyond_text() {
        java.util.Map<String, Capabilities> caps = new java.util.HashMap<>();
        PriceTableFile.shipped().models().forEach(m -> caps.put(m.model(), m.capabilities()));

        assertThat(caps.get("gpt-4o").names()).containsExactly("tools", "images", "files", "jsonSchema");
        assertThat(caps.get("o3-mini").names()).as("no vision").containsExactly("tools", "jsonSchema", "reasoning");
        assertThat(caps.get("claude-sonnet-4-5").names()).contains("images", "files", "reasoning").doesNotContain("audio");
        assertThat(caps.get("gemini-2.5-flash")).isEqualTo(Capabilities.ALL);
        assertThat(caps.get("gemini-2.0-flash").reasoning()).isFalse();
        assertThat(caps.get("deepseek-chat").names()).containsExactly("tools");
    }

    @Test
    void a_model_without_capabilities_or_with_an_unknown_one_is_refused_naming_it() {
        String missing = """
                {"version": "x", "models": [{"provider": "p", "model": "m", "contextWindow": 10, "maxOutputTokens": 5,
                  "inputPerMillion": 1, "outputPerMillion": 1}]}""";
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriceTableFile.read(new ByteArrayInputStream(missing.getBytes(StandardCharsets.UTF_8))))
                .withMessageContaining("models[0].capabilities: missing");
        String unknown = missing.replace("\"outputPerMillion\": 1}", "\"outputPerMillion\": 1, \"capabilities\": [\"vision\"]}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PriceTableFile.read(new ByteArrayInputStream(unknown.getBytes(StandardCharsets.UTF_8))))
                .withMessageContaining("models[0].capabilities: unknown capability 'vision'");
    }
}
