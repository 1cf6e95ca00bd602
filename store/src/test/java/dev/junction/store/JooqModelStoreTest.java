package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.GardenModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.ModelGarden;
import dev.junction.engine.catalog.PriceTable;
import dev.junction.engine.catalog.PriceTableFile;
import dev.junction.engine.catalog.SimulatorModels;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class JooqModelStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqModelStore store = new JooqModelStore(db.dsl(), Clock.systemUTC());

    private static CatalogModel model(String name, int window, String input) {
        return new CatalogModel("openai", name, window, 1000, new BigDecimal(input), new BigDecimal("8"), new BigDecimal("0.5"), false);
    }

    @Test
    void seeding_the_shipped_table_stores_every_model_inactive_and_the_simulator_active_and_records_the_version() {
        PriceTable table = PriceTableFile.shipped();

        store.seed(table, SimulatorModels.all());

        assertThat(store.priceTableVersion()).isEqualTo(table.version());
        GardenModel mini = store.find("openai", "gpt-4o-mini").orElseThrow();
        assertThat(mini.model().active()).isFalse();
        assertThat(mini.custom()).isFalse();
        assertThat(mini.priceTableVersion()).isEqualTo(table.version());
        assertThat(mini.model().inputPerMillion()).isEqualByComparingTo("0.15");
        assertThat(store.find("simulator", "echo").orElseThrow().model().active()).isTrue();
        assertThat(store.all()).hasSize(table.models().size() + SimulatorModels.all().size());
    }

    @Test
    void a_new_price_table_refreshes_prices_but_never_the_active_flag() {
        store.seed(new PriceTable("v1", "test", List.of(model("gpt-x", 1000, "2"))), List.of());
        store.setActive("openai", "gpt-x", true);

        store.seed(new PriceTable("v2", "test", List.of(model("gpt-x", 2000, "3"))), List.of());

        GardenModel m = store.find("openai", "gpt-x").orElseThrow();
        assertThat(m.model().active()).isTrue();
        assertThat(m.model().contextWindow()).isEqualTo(2000);
        assertThat(m.model().inputPerMillion()).isEqualByComparingTo("3");
        assertThat(m.priceTableVersion()).isEqualTo("v2");
        assertThat(store.priceTableVersion()).isEqualTo("v2");
    }

    @Test
    void a_model_a_user_edited_keeps_the_users_figures_when_the_table_is_loaded_again() {
        store.seed(new PriceTable("v1", "test", List.of(model("gpt-x", 1000, "2"))), List.of());
        store.saveCustom(new CatalogModel("openai", "gpt-x", 500, 100, new BigDecimal("1.5"), BigDecimal.ONE, BigDecimal.ZERO, false));

        store.seed(new PriceTable("v2", "test", List.of(model("gpt-x", 2000, "3"))), List.of());

        GardenModel m = store.find("openai", "gpt-x").orElseThrow();
        assertThat(m.custom()).isTrue();
        assertThat(m.priceTableVersion()).isNull();
        assertThat(m.model().contextWindow()).isEqualTo(500);
        assertThat(m.model().inputPerMillion()).isEqualByComparingTo("1.5");
    }

    @Test
    void the_garden_loads_the_store_into_the_catalog_the_validator_reads() {
        InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
        ModelGarden garden = new ModelGarden(store, catalog);
        garden.load(new PriceTable("v1", "test", List.of(model("gpt-x", 1000, "2"))), SimulatorModels.all());

        assertThat(catalog.find("openai", "gpt-x")).get().extracting(CatalogModel::active).isEqualTo(false);
        garden.setActive("openai", "gpt-x", true);
        assertThat(catalog.find("openai", "gpt-x")).get().extracting(CatalogModel::active).isEqualTo(true);
        assertThat(garden.setActive("openai", "nope", true)).isEmpty();
    }

    @Test
    void activating_an_unknown_model_changes_nothing() {
        assertThat(store.setActive("openai", "nope", true)).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void capabilities_round_trip_come_from_the_table_and_a_users_edit_keeps_them_when_the_table_loads_again() {
        store.seed(PriceTableFile.shipped(), SimulatorModels.all());
        assertThat(store.find("openai", "o3-mini").orElseThrow().model().capabilities().names())
                .containsExactly("tools", "jsonSchema", "reasoning");
        assertThat(store.find("simulator", "echo").orElseThrow().model().capabilities()).isEqualTo(Capabilities.ALL);

        InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
        ModelGarden garden = new ModelGarden(store, catalog);
        garden.load(PriceTableFile.shipped(), SimulatorModels.all());
        ModelGarden.Result edited = garden.save("openai", "o3-mini", null, null, null, null, null,
                java.util.Map.of("images", true, "reasoning", false));
        assertThat(edited.errors()).isEmpty();

        Capabilities expected = Capabilities.of(List.of("tools", "images", "jsonSchema"));
        assertThat(store.find("openai", "o3-mini").orElseThrow().model().capabilities()).isEqualTo(expected);
        assertThat(catalog.find("openai", "o3-mini").orElseThrow().capabilities()).isEqualTo(expected);
        store.seed(PriceTableFile.shipped(), SimulatorModels.all());
        assertThat(store.find("openai", "o3-mini").orElseThrow().model().capabilities()).as("custom: kept").isEqualTo(expected);

        assertThat(garden.save("openai", "o3-mini", null, null, null, null, null, java.util.Map.of("vision", true)).errors())
                .extracting(dev.junction.engine.deployment.FieldError::path).containsExactly("capabilities.vision");
        ModelGarden.Result created = garden.save("groq", "new-model", 1000, 100, BigDecimal.ONE, BigDecimal.ONE, null, null);
        assertThat(created.model().model().capabilities()).as("a new model nobody described takes everything").isEqualTo(Capabilities.ALL);
    }

    @Test
    void a_new_price_table_refreshes_the_capabilities_of_models_nobody_edited() {
        store.seed(new PriceTable("v1", "test", List.of(model("gpt-x", 1000, "2").withCapabilities(Capabilities.TEXT_ONLY))), List.of());
        store.seed(new PriceTable("v2", "test", List.of(model("gpt-x", 1000, "2").withCapabilities(Capabilities.ALL.with("audio", false)))), List.of());

        assertThat(store.find("openai", "gpt-x").orElseThrow().model().capabilities()).isEqualTo(Capabilities.ALL.with("audio", false));
    }
}
