package dev.junction.engine.deployment;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Things a deploy is allowed to do but a person should hear about, each with the path of the offending part
 * ({@code routing.rules[3]}): a row that can never match (its conditions contradict each other, or an earlier row
 * catches every context it would), a variant that no row and not the default reaches, a fallback model with a
 * smaller context window than its primary.
 */
public final class DeployChecks {
    private DeployChecks() {}

    public static List<FieldError> warnings(DeploymentSpec spec, ModelCatalog catalog) {
        List<FieldError> warnings = new ArrayList<>();
        RoutingTable routing = spec.routing();
        Set<String> reached = new HashSet<>();
        if (routing != null) {
            reached.add(routing.defaultVariant());
            List<Map<String, String>> earlier = new ArrayList<>();
            List<String> earlierIds = new ArrayList<>();
            for (int r = 0; r < routing.rules().size(); r++) {
                RoutingRule rule = routing.rules().get(r);
                if (!rule.enabled()) continue;
                String path = "routing.rules[" + r + "]";
                Map<String, String> wants = new HashMap<>();
                String contradiction = null;
                for (Condition c : rule.when()) {
                    String previous = wants.putIfAbsent(c.field(), c.value());
                    if (previous != null && !previous.equals(c.value())) {
                        contradiction = c.field() + " cannot equal both '" + previous + "' and '" + c.value() + "'";
                    }
                }
                if (contradiction != null) {
                    warnings.add(new FieldError(path, "can never match: " + contradiction));
                    continue;
                }
                Optional<Integer> shadow = shadowedBy(wants, earlier);
                if (shadow.isPresent()) {
                    warnings.add(new FieldError(path, "can never match: rule '" + earlierIds.get(shadow.get())
                            + "' above it catches every context it would"));
                    continue;
                }
                if (rule.isSplit()) rule.split().forEach(s -> reached.add(s.variant()));
                else reached.add(rule.variant());
                earlier.add(wants);
                earlierIds.add(rule.id());
            }
        }
        for (int v = 0; v < spec.variants().size(); v++) {
            Variant variant = spec.variants().get(v);
            if (!reached.contains(variant.key())) {
                warnings.add(new FieldError("variants[" + v + "]", "no routing row reaches '" + variant.key()
                        + "' and it is not the default: it serves no traffic"));
            }
            contextWindows("variants[" + v + "]", variant, catalog, warnings);
        }
        return warnings;
    }

    /** The first earlier row whose conditions are a subset of these: every context matching these matches it first. */
    private static Optional<Integer> shadowedBy(Map<String, String> wants, List<Map<String, String>> earlier) {
        for (int i = 0; i < earlier.size(); i++) {
            if (wants.entrySet().containsAll(earlier.get(i).entrySet())) return Optional.of(i);
        }
        return Optional.empty();
    }

    private static void contextWindows(String path, Variant variant, ModelCatalog catalog, List<FieldError> warnings) {
        if (variant.primary() == null || variant.fallback() == null) return;
        Optional<CatalogModel> primary = catalog.find(variant.primary().provider(), variant.primary().model());
        Optional<CatalogModel> fallback = catalog.find(variant.fallback().provider(), variant.fallback().model());
        if (primary.isPresent() && fallback.isPresent() && fallback.get().contextWindow() < primary.get().contextWindow()) {
            warnings.add(new FieldError(path + ".fallback.model", "its context window (" + fallback.get().contextWindow()
                    + " tokens) is smaller than the primary's (" + primary.get().contextWindow()
                    + "): a prompt too large for the primary is too large for the fallback too"));
        }
    }
}
