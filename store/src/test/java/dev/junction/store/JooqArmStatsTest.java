package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junction.store.JooqArmStats.Metric;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An experiment's per-arm totals of each metric, on a real PostgreSQL. */
class JooqArmStatsTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqArmStats stats = new JooqArmStats(db.dsl());
    private final JooqFeedback feedback = new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID);
    private final Instant from = Instant.parse("2026-11-20T00:00:00Z");
    private final Instant to = from.plus(Duration.ofDays(1));

    private UUID log(String deployment, String rule, String variant, Instant at, String status, long latencyMicros,
                     String cost) {
        UUID id = UUID.randomUUID();
        db.dsl().execute("""
            INSERT INTO request_logs (id, created_at, deployment_key, version_number, variant_key, rule_id, status,
                http_status, latency_micros, source, cost_usd)
            VALUES (?, ?::timestamptz, ?, 1, ?, ?, ?, 200, ?, 'API', ?::numeric)""",
                id, at.atOffset(ZoneOffset.UTC), deployment, variant, rule, status, latencyMicros, cost);
        return id;
    }

    private UUID log(String variant, String status, long latencyMicros, String cost) {
        return log("support", "split-1", variant, from.plus(Duration.ofHours(1)), status, latencyMicros, cost);
    }

    private static void assertArm(ArmTotals t, String arm, long n, double sum, double sumSquares) {
        assertThat(t.arm()).isEqualTo(arm);
        assertThat(t.n()).as(arm).isEqualTo(n);
        assertThat(t.sum()).as(arm).isCloseTo(sum, within(1e-9));
        assertThat(t.sumSquares()).as(arm).isCloseTo(sumSquares, within(1e-9));
    }

    /** Rows that are never counted: another deployment, another rule, outside the window, no variant. */
    private List<UUID> others() {
        return List.of(
                log("other", "split-1", "a", from.plus(Duration.ofHours(1)), "error", 1_000, "1"),
                log("support", "split-2", "a", from.plus(Duration.ofHours(1)), "error", 1_000, "1"),
                log("support", "split-1", "a", from.minusSeconds(1), "error", 1_000, "1"),
                log("support", "split-1", "a", to, "error", 1_000, "1"),
                log("support", "split-1", null, from.plus(Duration.ofHours(1)), "error", 1_000, "1"));
    }

    @Test
    void cost_and_latency_count_the_successful_requests_and_the_error_rate_every_request() {
        others();
        log("a", "success", 1_000, "0.5");
        log("a", "success", 3_000, "1.5");
        log("a", "success", 2_000, null);   // not priced: no cost, a latency
        log("a", "error", 9_000, "7");      // failed: neither cost nor latency
        log("b", "success", 500, "0.25");
        log("b", "truncated", 100, "0.1");
        log("b", "cancelled", 100, null);

        List<ArmTotals> cost = stats.armStats("support", "split-1", from, to, Metric.COST, null);
        assertThat(cost).hasSize(2);
        assertArm(cost.get(0), "a", 2, 2.0, 0.25 + 2.25);
        assertArm(cost.get(1), "b", 1, 0.25, 0.0625);

        List<ArmTotals> latency = stats.armStats("support", "split-1", from, to, Metric.LATENCY, null);
        assertArm(latency.get(0), "a", 3, 6.0, 1 + 9 + 4);
        assertArm(latency.get(1), "b", 1, 0.5, 0.25);

        List<ArmTotals> errors = stats.armStats("support", "split-1", from, to, Metric.ERROR_RATE, null);
        assertArm(errors.get(0), "a", 4, 1, 1);
        assertArm(errors.get(1), "b", 3, 1, 1); // truncated is an error, cancelled is not
    }

    @Test
    void feedback_numbers_count_as_they_are_and_good_or_bad_words_as_one_or_zero() {
        for (UUID id : others()) feedback.save(id, "rating", "good", "test");
        UUID a1 = log("a", "success", 1, null);
        UUID a2 = log("a", "success", 1, null);
        UUID a3 = log("a", "error", 1, null);
        UUID a4 = log("a", "success", 1, null);
        UUID a5 = log("a", "success", 1, null);
        UUID b1 = log("b", "success", 1, null);
        UUID b2 = log("b", "success", 1, null);
        UUID b3 = log("b", "success", 1, null);
        log("c", "success", 1, null); // no feedback at all: absent
        UUID c2 = log("c", "success", 1, null);
        feedback.save(a1, "rating", "Thumbs_Up", "test");
        feedback.save(a2, "rating", "bad", "test");
        feedback.save(a3, "rating", 4, "test");
        feedback.save(a4, "rating", "meh", "test");          // ignored
        feedback.save(a5, "rating", List.of("good"), "test"); // a list: ignored
        feedback.save(a5, "other", "good", "test");           // another property
        feedback.save(b1, "rating", 2.5, "test");
        UUID b4 = log("b", "success", 1, null);
        feedback.save(b4, "rating", 1e200, "test"); // beyond 1e100: left out (its square would overflow)
        feedback.save(b2, "rating", "NO", "test");
        feedback.save(b3, "rating", "yes", "test");
        feedback.save(c2, "rating", "whatever", "test");

        List<ArmTotals> rating = stats.armStats("support", "split-1", from, to, Metric.FEEDBACK, "rating");
        assertThat(rating).extracting(ArmTotals::arm).containsExactly("a", "b");
        assertArm(rating.get(0), "a", 3, 1 + 0 + 4, 1 + 0 + 16);
        assertArm(rating.get(1), "b", 3, 2.5 + 0 + 1, 6.25 + 0 + 1);
    }

    @Test
    void the_sql_mapping_of_feedback_values_is_the_java_one() throws Exception {
        List<Object> values = new ArrayList<>(Arrays.asList(
                "good", "GOOD", "positive", "thumbs_up", "yes", "true", "bad", "Negative", "thumbs_down", "no", "false",
                " good", "goodish", "", 0, -3, 2.75, 1e100, -1e100, 1.0000001e100, 1e299, List.of("good"), Map.of("a", 1), true, false));
        for (String w : FeedbackValues.POSITIVE) values.add(w);
        for (String w : FeedbackValues.NEGATIVE) values.add(w.toUpperCase(java.util.Locale.ROOT));
        // from a column, as the experiment query reads them (a bound constant would be folded when planned)
        db.dsl().execute("CREATE TABLE feedback_values (i INTEGER, v JSONB)");
        values.add(new BigDecimal("1e400"));
        for (int i = 0; i < values.size(); i++) {
            db.dsl().execute("INSERT INTO feedback_values VALUES (?, ?::jsonb)", i, LogRows.MAPPER.writeValueAsString(values.get(i)));
        }
        List<Double> sql = db.dsl().resultQuery("SELECT " + FeedbackValues.sql("v") + " FROM feedback_values ORDER BY i")
                .fetch(0, Double.class);
        for (int i = 0; i < values.size(); i++) {
            assertThat(sql.get(i)).as("%s", values.get(i)).isEqualTo(FeedbackValues.of(values.get(i)));
        }
        assertThat(sql.getLast()).as("a number beyond a double is no value, not an error").isNull();
        assertThat(FeedbackValues.of("Thumbs_Up")).isEqualTo(1.0);
        assertThat(FeedbackValues.of("false")).isEqualTo(0.0);
        assertThat(FeedbackValues.of("meh")).isNull();
    }

    @Test
    void a_score_counts_its_value_per_arm_for_the_evaluator_named() {
        JooqScores scores = new JooqScores(db.dsl(), Clock.systemUTC(), JooqScores.Options.defaults(), false);
        Instant at = from.plus(Duration.ofHours(2));
        double[][] values = {{0.5, 1, 0}, {0.25}};
        String[] arms = {"a", "b"};
        for (int arm = 0; arm < 2; arm++) {
            for (double v : values[arm]) {
                scores.record(new dev.junction.engine.eval.Score(UUID.randomUUID(), UUID.randomUUID(), at, "support", 1,
                        arms[arm], "split-1", "helpful", "judge", v, null, null, Instant.now()));
            }
        }
        scores.record(new dev.junction.engine.eval.Score(UUID.randomUUID(), UUID.randomUUID(), at, "support", 1,
                "a", "split-1", "polite", "judge", 9, null, null, Instant.now()));
        scores.record(new dev.junction.engine.eval.Score(UUID.randomUUID(), UUID.randomUUID(), at, "support", 1,
                "a", "split-2", "helpful", "judge", 9, null, null, Instant.now()));
        scores.record(new dev.junction.engine.eval.Score(UUID.randomUUID(), UUID.randomUUID(), to, "support", 1,
                "a", "split-1", "helpful", "judge", 9, null, null, Instant.now()));
        scores.close();

        List<ArmTotals> helpful = stats.armStats("support", "split-1", from, to, Metric.SCORE, "helpful");
        assertThat(helpful).hasSize(2);
        assertArm(helpful.get(0), "a", 3, 1.5, 1.25);
        assertArm(helpful.get(1), "b", 1, 0.25, 0.0625);
        assertThatThrownBy(() -> stats.armStats("support", "split-1", from, to, Metric.SCORE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
