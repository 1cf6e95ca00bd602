package dev.junction.engine.deployment;

import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import java.util.Optional;

/** The whole configuration of a deployment, as one immutable value: what a version freezes. */
public record DeploymentSpec(String key, String description, List<Variant> variants, RoutingTable routing) {
    public DeploymentSpec {
        description = description == null ? "" : description;
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public Optional<Variant> variant(String variantKey) {
        return variants.stream().filter(v -> v.key().equals(variantKey)).findFirst();
    }
}
