package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.engine.log.RoutedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a routing table would have done with real traffic: each logged request's context routed again, compared
 * with where it actually went. No model is called.
 */
public final class Replay {
    /** Changes listed in full, at most; the counts always cover every request. */
    public static final int MAX_CHANGES_LISTED = 200;

    private Replay() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String id, String at, Map<String, Object> context, String before, String beforeRule,
                         String after, String afterRule) {}

    /** Per variant: how many requests it served before and would serve after, and their shares of the total. */
    public record Share(String variant, long before, long after, double beforeShare, double afterShare) {}

    public record Report(int requests, int changed, List<Share> shares, List<Change> changes, boolean changesTruncated) {}

    public static Report run(Router router, List<RoutedRequest> requests) {
        Map<String, long[]> counts = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        int changed = 0;
        for (RoutedRequest r : requests) {
            RoutingDecision now = router.route(r.context());
            String afterRule = now instanceof RoutingDecision.Matched m ? m.ruleId() : RoutingCase.DEFAULT_RULE;
            String beforeRule = r.ruleId() == null ? RoutingCase.DEFAULT_RULE : r.ruleId();
            counts.computeIfAbsent(r.variant(), k -> new long[2])[0]++;
            counts.computeIfAbsent(now.variant(), k -> new long[2])[1]++;
            if (!now.variant().equals(r.variant())) {
                changed++;
                if (changes.size() < MAX_CHANGES_LISTED) {
                    changes.add(new Change(r.id().toString(), r.at().toString(), r.context(), r.variant(), beforeRule,
                            now.variant(), afterRule));
                }
            }
        }
        int total = requests.size();
        List<Share> shares = new ArrayList<>();
        counts.forEach((variant, c) -> shares.add(new Share(variant, c[0], c[1], share(c[0], total), share(c[1], total))));
        return new Report(total, changed, shares, changes, changed > changes.size());
    }

    private static double share(long n, int total) {
        return total == 0 ? 0 : Math.round(n * 10_000.0 / total) / 10_000.0;
    }
}
