package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.log.RoutedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReplayTest {
    private static RoutedRequest logged(String language, String variant, String rule) {
        return new RoutedRequest(UUID.randomUUID(), Instant.parse("2026-11-22T10:00:00Z"), Map.of("language", language), variant, rule);
    }

    /** After the change, French speakers go to "spanish" too. */
    private final Router after = context -> switch (String.valueOf(context.get("language"))) {
        case "es" -> new RoutingDecision.Matched("spanish", "es");
        case "fr" -> new RoutingDecision.Matched("spanish", "romance");
        default -> new RoutingDecision.DefaultMatched("english");
    };

    @Test
    void shares_before_and_after_and_the_requests_whose_route_changes() {
        List<RoutedRequest> traffic = List.of(
                logged("es", "spanish", "es"), logged("fr", "english", null), logged("fr", "english", null), logged("de", "english", null));

        Replay.Report report = Replay.run(after, traffic);

        assertThat(report.requests()).isEqualTo(4);
        assertThat(report.changed()).isEqualTo(2);
        assertThat(report.shares()).containsExactly(
                new Replay.Share("english", 3, 1, 0.75, 0.25),
                new Replay.Share("spanish", 1, 3, 0.25, 0.75));
        assertThat(report.changes()).allSatisfy(c -> {
            assertThat(c.before()).isEqualTo("english");
            assertThat(c.beforeRule()).isEqualTo("default");
            assertThat(c.after()).isEqualTo("spanish");
            assertThat(c.afterRule()).isEqualTo("romance");
        });
    }

    @Test
    void every_change_is_counted_but_only_the_first_ones_are_listed() {
        List<RoutedRequest> traffic = new ArrayList<>();
        for (int i = 0; i < Replay.MAX_CHANGES_LISTED + 5; i++) traffic.add(logged("fr", "english", null));

        Replay.Report report = Replay.run(after, traffic);

        assertThat(report.changed()).isEqualTo(Replay.MAX_CHANGES_LISTED + 5);
        assertThat(report.changes()).hasSize(Replay.MAX_CHANGES_LISTED);
        assertThat(report.changesTruncated()).isTrue();
    }

    @Test
    void no_traffic_is_an_empty_report() {
        Replay.Report report = Replay.run(after, List.of());
        assertThat(report.requests()).isZero();
        assertThat(report.shares()).isEmpty();
    }
}
