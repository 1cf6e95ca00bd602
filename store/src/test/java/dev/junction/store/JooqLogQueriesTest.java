package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JooqLogQueriesTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqLogQueries logs = new JooqLogQueries(db.dsl(),
            new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID));

    private UUID row(UUID id, Instant createdAt) {
        db.dsl().insertInto(REQUEST_LOGS)
                .set(REQUEST_LOGS.ID, id).set(REQUEST_LOGS.CREATED_AT, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .set(REQUEST_LOGS.DEPLOYMENT_KEY, "support").set(REQUEST_LOGS.STATUS, "success")
                .set(REQUEST_LOGS.HTTP_STATUS, 200).set(REQUEST_LOGS.LATENCY_MICROS, 1L).set(REQUEST_LOGS.SOURCE, "API")
                .execute();
        return id;
    }

    @Test
    void a_request_is_found_by_its_id_in_the_partitions_of_its_own_days_only() {
        Instant at = Instant.parse("2031-03-15T10:00:00Z");
        new LogPartitions(db.dsl(), Clock.fixed(at, ZoneOffset.UTC), 0, 20).run(); // 2031-03-14 .. 2031-04-04
        UUID id = row(new Ids(Clock.fixed(at, ZoneOffset.UTC)).next(), at.plusMillis(3));
        UUID other = row(new Ids(Clock.fixed(at.plusSeconds(10 * 86_400), ZoneOffset.UTC)).next(), at.plusSeconds(10 * 86_400));

        assertThat(logs.find(id)).get().extracting(m -> m.get("id")).isEqualTo(id.toString());
        assertThat(logs.exists(id, LogScope.ADMIN)).isTrue();
        assertThat(logs.exists(other, LogScope.ADMIN)).isTrue();
        assertThat(logs.mergeMetadata(id, Map.of("ticket", "T-1"), LogScope.ADMIN)).contains(Map.of("ticket", "T-1"));

        String plan = String.join("\n", db.dsl().fetch("explain select * from request_logs where "
                + JooqLogQueries.byId(id)).getValues(0, String.class));
        Matcher days = Pattern.compile("request_logs_p(\\d{8})").matcher(plan);
        Set<String> read = new TreeSet<>();
        while (days.find()) read.add(days.group(1));
        assertThat(read).as(plan).containsExactly("20310314", "20310315", "20310316");
    }

    @Test
    void a_later_page_of_a_search_reads_only_the_days_before_its_cursor() {
        Instant at = Instant.parse("2031-03-15T10:00:00Z");
        new LogPartitions(db.dsl(), Clock.fixed(at, ZoneOffset.UTC), 0, 20).run(); // 2031-03-14 .. 2031-04-04
        String plan = String.join("\n", db.dsl().fetch("explain select * from request_logs where "
                + JooqLogQueries.before(new LogFilter.Cursor(at, UUID.randomUUID()))).getValues(0, String.class));
        Matcher days = Pattern.compile("request_logs_p(\\d{8})").matcher(plan);
        Set<String> read = new TreeSet<>();
        while (days.find()) read.add(days.group(1));
        assertThat(read).as(plan).contains("20310314", "20310315").allMatch(day -> day.compareTo("20310315") <= 0);
        assertThat(read).as("the 20 days after the cursor are not read").doesNotContain("20310316", "20310404");
    }

    @Test
    void an_id_that_is_not_a_uuidv7_is_looked_for_in_every_partition() {
        Instant at = Instant.parse("2031-03-15T10:00:00Z");
        new LogPartitions(db.dsl(), Clock.fixed(at, ZoneOffset.UTC), 0, 3).run();
        UUID v4 = row(UUID.randomUUID(), at.plusSeconds(2 * 86_400));

        assertThat(logs.exists(v4, LogScope.ADMIN)).isTrue();
        assertThat(logs.mergeMetadata(v4, Map.of("a", 1), LogScope.ADMIN)).contains(Map.of("a", 1));
        assertThat(logs.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void metadata_added_after_the_fact_cannot_grow_a_row_past_its_bound() {
        JooqLogQueries bounded = new JooqLogQueries(db.dsl(), new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID), 250); // 4 x 250 bytes
        Instant at = Instant.parse("2031-03-15T10:00:00Z");
        new LogPartitions(db.dsl(), Clock.fixed(at, ZoneOffset.UTC), 0, 3).run();
        UUID id = row(new Ids(Clock.fixed(at, ZoneOffset.UTC)).next(), at);

        assertThat(bounded.mergeMetadata(id, Map.of("a", "x".repeat(500)), LogScope.ADMIN)).isPresent();
        assertThatThrownBy(() -> bounded.mergeMetadata(id, Map.of("b", "y".repeat(600)), LogScope.ADMIN))
                .isInstanceOf(JooqLogQueries.MetadataTooLarge.class).hasMessageContaining("1000");
        assertThat(bounded.mergeMetadata(id, Map.of("a", "z"), LogScope.ADMIN)).contains(Map.of("a", "z"));
        assertThat(bounded.mergeMetadata(UUID.randomUUID(), Map.of("b", "y".repeat(600)), LogScope.ADMIN))
                .as("an unknown request is still not found").isEmpty();
    }

    private void score(UUID request, String name, double value, Boolean passed) {
        JooqScores scores = new JooqScores(db.dsl(), Clock.systemUTC(), JooqScores.Options.defaults(), false);
        scores.record(new dev.junction.engine.eval.Score(UUID.randomUUID(), request, Instant.now(), "support", 1,
                "english", null, name, "judge", value, passed, "why", Instant.now()));
        scores.close();
    }

    private java.util.List<Object> ids(LogFilter.ScoreFilter... filters) {
        LogFilter f = new LogFilter("support", null, null, null, null, null, null, null, null, null, 50, null, null, null)
                .withScores(java.util.List.of(filters));
        return logs.search(f).rows().stream().map(m -> m.get("id")).toList();
    }

    @Test
    void requests_are_found_by_a_score_in_a_range_and_by_whether_it_passed() {
        Instant at = Instant.parse("2031-03-15T10:00:00Z");
        new LogPartitions(db.dsl(), Clock.fixed(at, ZoneOffset.UTC), 0, 3).run();
        UUID a = row(UUID.randomUUID(), at.plusSeconds(4));
        UUID b = row(UUID.randomUUID(), at.plusSeconds(3));
        UUID c = row(UUID.randomUUID(), at.plusSeconds(2));
        row(UUID.randomUUID(), at.plusSeconds(1)); // no score
        score(a, "helpful", 0.9, true);
        score(b, "helpful", 0.3, false);
        score(c, "polite", 0.95, null);
        score(c, "helpful", 0.5, null);

        assertThat(ids(new LogFilter.ScoreFilter("helpful", 0.5, null, null))).containsExactly(a.toString(), c.toString());
        assertThat(ids(new LogFilter.ScoreFilter("helpful", null, 0.5, null))).containsExactly(b.toString(), c.toString());
        assertThat(ids(new LogFilter.ScoreFilter("helpful", 0.4, 0.6, null))).containsExactly(c.toString());
        assertThat(ids(new LogFilter.ScoreFilter("helpful", null, null, false))).containsExactly(b.toString());
        assertThat(ids(new LogFilter.ScoreFilter("helpful", null, null, null))).hasSize(3);
        assertThat(ids(new LogFilter.ScoreFilter("helpful", null, null, null), new LogFilter.ScoreFilter("polite", 0.9, 1.0, null)))
                .containsExactly(c.toString());
        assertThat(ids(new LogFilter.ScoreFilter("rude", null, null, null))).isEmpty();
        assertThat(ids()).hasSize(4);

        @SuppressWarnings("unchecked")
        var shown = (java.util.List<Map<String, Object>>) logs.find(c).orElseThrow().get("scores");
        assertThat(shown).extracting(m -> m.get("name"), m -> m.get("value"), m -> m.get("passed"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("helpful", 0.5, null),
                        org.assertj.core.groups.Tuple.tuple("polite", 0.95, null));
        assertThat(shown.getFirst()).containsEntry("kind", "judge").containsEntry("reason", "why");
    }
}
