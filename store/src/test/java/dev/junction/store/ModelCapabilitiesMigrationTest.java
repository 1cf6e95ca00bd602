package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.Capabilities;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** V012 gives every existing model every capability, so nothing that worked before is refused after it. */
class ModelCapabilitiesMigrationTest {

    @Test
    void a_model_stored_before_v012_takes_everything_after_it() {
        TestDatabase db = TestDatabase.migratedTo("11");
        db.dsl().execute("insert into models (provider, model, context_window, max_output_tokens, input_per_million,"
                + " output_per_million, active, custom, updated_at) values ('groq', 'mine', 1000, 100, 1, 1, true, true, now())");

        db.migrate();

        var model = new JooqModelStore(db.dsl(), Clock.systemUTC()).find("groq", "mine").orElseThrow();
        assertThat(model.model().capabilities()).isEqualTo(Capabilities.ALL);
        assertThat(model.custom()).isTrue();
    }
}
