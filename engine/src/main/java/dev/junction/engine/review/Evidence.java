package dev.junction.engine.review;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.SpecDiff;
import dev.junction.engine.routing.Replay;
import dev.junction.engine.routing.RoutingCaseRunner;
import java.util.List;

/**
 * What the reviewers of a deploy request see, computed when it was made, from the snapshot it would deploy: the field
 * diff against the version live then (empty for a first deploy), the routing cases' results (all passed: a request that
 * would not deploy is refused when it is made), the replay of the deployment's recent traffic (at most
 * {@link ReviewService#REPLAY_LIMIT} requests) and the deploy warnings.
 */
public record Evidence(List<SpecDiff.Change> changes, Tests tests, Replay.Report replay, List<FieldError> warnings) {
    public Evidence {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** The routing cases run against the snapshot. */
    public record Tests(int passed, int failed, List<RoutingCaseRunner.Result> results) {
        public Tests {
            results = List.copyOf(results);
        }

        public static Tests of(List<RoutingCaseRunner.Result> results) {
            int failed = (int) results.stream().filter(r -> !r.passed()).count();
            return new Tests(results.size() - failed, failed, results);
        }
    }
}
