package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private final RoutingRule rule = new RoutingRule("beta", List.of(Condition.equalsTo("tier", "gold")), null, true, null,
            List.of(new SplitShare("new-prompt", 30), new SplitShare("old-prompt", 70)), "user_id");

    @Test
    void a_user_always_lands_on_the_same_variant() {
        for (int u = 0; u < 200; u++) {
            Map<String, Object> context = Map.of("tier", "gold", "user_id", "user-" + u);
            String first = Splits.choose(rule, context);
            for (int again = 0; again < 5; again++) assertThat(Splits.choose(rule, context)).isEqualTo(first);
        }
    }

    @Test
    void traffic_splits_by_the_percentages_over_many_users() {
        int users = 20_000;
        int onNew = 0;
        for (int u = 0; u < users; u++) {
            if (Splits.choose(rule, Map.of("user_id", "u" + u)).equals("new-prompt")) onNew++;
        }
        assertThat(onNew / (double) users).isBetween(0.28, 0.32);
    }

    @Test
    void the_bucket_is_stable_across_jvms_and_depends_on_the_row() {
        // Fixed values: a change of hash function would move every user to another variant.
        assertThat(Splits.bucket("beta", "user-1")).isEqualTo(Splits.bucket("beta", "user-1"));
        assertThat(List.of(Splits.bucket("beta", "user-1"), Splits.bucket("beta", "user-2"), Splits.bucket("other", "user-1")))
                .containsExactly(expectedFnv("beta", "user-1"), expectedFnv("beta", "user-2"), expectedFnv("other", "user-1"));
        assertThat(Splits.choose(rule, Map.of())).isEqualTo(Splits.choose(rule, Map.of("user_id", "")));
    }

    /** FNV-1a 32-bit, written out independently of the implementation. */
    private static int expectedFnv(String row, String value) {
        long h = 2166136261L;
        for (byte b : (row + "\u0000" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h = (h * 16777619L) & 0xFFFFFFFFL;
        }
        return (int) (h % 100);
    }
}
