package dev.junction.engine.deployment;

import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.catalog.RequestNeeds;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RowLogic;
import dev.junction.engine.routing.UserRegex;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The warnings of a deploy: things it is allowed to do but a person should hear about (it never refuses a deploy;
 * {@link DeployGate} does), each with the path of the offending part
 * ({@code routing.rules[3]}): a row that can never match (its conditions contradict each other, or an earlier row
 * catches every context it would), a variant that no row and not the default reaches, a fallback model with a
 * smaller context window than its primary, a model that lacks a capability its variant's configuration uses (its
 * own, or, for a fallback, the primary's: tools, a {@code json_schema} response format, images or files in the
 * prompt, reasoning settings), a {@code matches} pattern the linear-time engine refuses (in a version stored before
 * it ran rules).
 */
public final class DeployWarnings {
    private DeployWarnings() {}

    /**
     * The {@code matches} patterns of a table that {@link UserRegex} refuses, each with its path: only a version stored
     * before RE2/J ran rules can have one (the validator refuses them). Such a row loads and never matches.
     */
    public static List<FieldError> refusedRegexes(RoutingTable routing) {
        List<FieldError> refused = new ArrayList<>();
        if (routing == null) return refused;
        for (int r = 0; r < routing.rules().size(); r++) {
            RoutingRule rule = routing.rules().get(r);
            if (rule != null) refused.addAll(refusedRegexes("routing.rules[" + r + "]", rule));
        }
        return refused;
    }

    private static List<FieldError> refusedRegexes(String path, RoutingRule rule) {
        List<FieldError> refused = new ArrayList<>();
        for (int c = 0; c < rule.when().size(); c++) {
            Condition condition = rule.when().get(c);
            if (condition != null && condition.op() == Operator.MATCHES && condition.value() instanceof String pattern) {
                String problem = UserRegex.of(pattern).problem();
                if (problem != null) refused.add(new FieldError(path + ".when[" + c + "].value", problem + ": this row never matches"));
            }
        }
        return refused;
    }

    public static List<FieldError> of(DeploymentSpec spec, ModelCatalog catalog) {
        List<FieldError> warnings = new ArrayList<>();
        RoutingTable routing = spec.routing();
        Set<String> reached = new HashSet<>();
        if (routing != null) {
            reached.add(routing.defaultVariant());
            RoutingSchema schema = spec.routingSchema();
            List<RoutingRule> earlier = new ArrayList<>();
            for (int r = 0; r < routing.rules().size(); r++) {
                RoutingRule rule = routing.rules().get(r);
                if (rule == null || !rule.enabled()) continue;
                String path = "routing.rules[" + r + "]";
                List<FieldError> refused = refusedRegexes(path, rule);
                if (!refused.isEmpty()) {
                    warnings.addAll(refused);
                    continue;
                }
                Optional<String> contradiction = RowLogic.contradiction(rule, schema);
                if (contradiction.isPresent()) {
                    warnings.add(new FieldError(path, "can never match: " + contradiction.get()));
                    continue;
                }
                Optional<RoutingRule> shadow = earlier.stream().filter(e -> RowLogic.covers(e, rule, schema)).findFirst();
                if (shadow.isPresent()) {
                    warnings.add(new FieldError(path, "can never match: rule '" + shadow.get().id()
                            + "' above it catches every context it would"));
                    continue;
                }
                if (rule.isSplit()) rule.split().forEach(s -> reached.add(s.variant()));
                else reached.add(rule.variant());
                earlier.add(rule);
            }
        }
        for (int v = 0; v < spec.variants().size(); v++) {
            Variant variant = spec.variants().get(v);
            if (!reached.contains(variant.key())) {
                warnings.add(new FieldError("variants[" + v + "]", "no routing row reaches '" + variant.key()
                        + "' and it is not the default: it serves no traffic"));
            }
            contextWindows("variants[" + v + "]", variant, catalog, warnings);
            capabilities("variants[" + v + "]", variant, catalog, warnings);
        }
        return warnings;
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

    /**
     * Capabilities (per the model garden) a variant's models lack:
     * <ul>
     *   <li>a model whose own configuration (with the variant's prompt) needs what it lacks: every request is refused
     *       by it and goes to the fallback, or fails;</li>
     *   <li>a fallback that lacks what the primary's configuration and the prompt use: when the primary fails, a
     *       request that the primary served is refused by the fallback (its own parameters apply to it, but a
     *       request's {@code extra_params} or {@code /v1} tools and response format may ask the same of both).</li>
     * </ul>
     */
    private static void capabilities(String path, Variant variant, ModelCatalog catalog, List<FieldError> warnings) {
        ownNeeds(path, "primary", variant, variant.primary(), catalog, warnings);
        if (variant.fallback() == null || variant.primary() == null) return;
        Set<String> warned = ownNeeds(path, "fallback", variant, variant.fallback(), catalog, warnings);
        Optional<CatalogModel> fallback = catalog.find(variant.fallback().provider(), variant.fallback().model());
        if (fallback.isEmpty()) return;
        for (RequestNeeds.Need need : RequestNeeds.of(variant.messages(), variant.primary().parameters())) {
            if (fallback.get().capabilities().has(need.capability()) || warned.contains(need.capability())) continue;
            warnings.add(new FieldError(path + ".fallback.model", fallback.get().label() + " takes no "
                    + Capabilities.describe(need.capability()) + ", which variant '" + variant.key() + "' uses ("
                    + need.what() + " at " + specPath(path, "primary", need)
                    + "): when the primary fails, a request that needs it is refused by the fallback too"));
        }
    }

    /** Warns of what {@code option}'s own configuration and the prompt need and its model lacks; returns those. */
    private static Set<String> ownNeeds(String path, String option, Variant variant, ModelConfig config,
                                        ModelCatalog catalog, List<FieldError> warnings) {
        Set<String> lacking = new HashSet<>();
        if (config == null) return lacking;
        Optional<CatalogModel> model = catalog.find(config.provider(), config.model());
        if (model.isEmpty()) return lacking;
        for (RequestNeeds.Need need : RequestNeeds.of(variant.messages(), config.parameters())) {
            if (model.get().capabilities().has(need.capability())) continue;
            lacking.add(need.capability());
            warnings.add(new FieldError(path + "." + option + ".model", model.get().label() + " takes no "
                    + Capabilities.describe(need.capability()) + ", which variant '" + variant.key() + "' uses ("
                    + need.what() + " at " + specPath(path, option, need) + "): every request is refused by it"
                    + (option.equals("primary") && variant.fallback() != null ? " and goes to the fallback" : "")));
        }
        return lacking;
    }

    /** A need's path in the spec: a part of the variant's prompt, or a parameter of one of its models. */
    private static String specPath(String variantPath, String option, RequestNeeds.Need need) {
        if (need.path().startsWith("messages[")) return variantPath + "." + need.path().replace(".content[", ".parts[");
        String parameter = switch (need.path()) {
            case "response_format" -> "responseFormat";
            case "reasoning_effort" -> "reasoningEffort";
            case "thinking_budget" -> "thinkingBudget";
            default -> need.path();
        };
        return variantPath + "." + option + ".parameters." + parameter;
    }
}
