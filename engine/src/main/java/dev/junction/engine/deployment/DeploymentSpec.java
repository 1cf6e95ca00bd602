package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.RoutingCase;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration of a deployment, as one immutable value: what a draft holds and a version freezes.
 * {@code folder} is a path inside the project ({@code support/emea}); {@code contextSchema} lists the routing
 * fields the deployment accepts; {@code tests} are the routing test cases every deploy must pass.
 * {@code logBodies}: whether request logs keep the inputs, the messages sent and the answer (null: yes); {@code false}
 * for deployments whose prompts carry data that must not be stored. {@code maskPiiInLogs}: mask the PII found in the
 * logged bodies (emails, phone numbers, cards, IBANs, national ids: {@code guard.detect.PiiDetector}) before they are
 * written (null: no).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentSpec(String key, String description, String project, String folder,
                             List<ContextField> contextSchema, List<Variant> variants, RoutingTable routing,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RoutingCase> tests,
                             Boolean logBodies, Boolean maskPiiInLogs) {
    public DeploymentSpec {
        tests = tests == null ? List.of() : List.copyOf(tests);
        description = description == null ? "" : description;
        project = project == null || project.isBlank() ? "default" : project;
        folder = folder == null ? "" : folder;
        contextSchema = contextSchema == null ? List.of() : List.copyOf(contextSchema);
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    public DeploymentSpec(String key, String description, String project, String folder,
                          List<ContextField> contextSchema, List<Variant> variants, RoutingTable routing,
                          List<RoutingCase> tests) {
        this(key, description, project, folder, contextSchema, variants, routing, tests, null, null);
    }

    public DeploymentSpec(String key, String description, String project, String folder,
                          List<ContextField> contextSchema, List<Variant> variants, RoutingTable routing,
                          List<RoutingCase> tests, Boolean logBodies) {
        this(key, description, project, folder, contextSchema, variants, routing, tests, logBodies, null);
    }

    /** Whether PII found in logged bodies is masked before they are written ({@code maskPiiInLogs}; off by default). */
    public boolean masksPiiInLogs() {
        return maskPiiInLogs != null && maskPiiInLogs;
    }

    /** Whether request logs of this deployment keep inputs, messages and answers. */
    public boolean logsBodies() {
        return logBodies == null || logBodies;
    }

    public DeploymentSpec(String key, String description, List<Variant> variants, RoutingTable routing) {
        this(key, description, null, null, null, variants, routing, null);
    }

    public DeploymentSpec(String key, String description, String project, String folder,
                          List<ContextField> contextSchema, List<Variant> variants, RoutingTable routing) {
        this(key, description, project, folder, contextSchema, variants, routing, null);
    }

    public Optional<Variant> variant(String variantKey) {
        return variants.stream().filter(v -> v.key().equals(variantKey)).findFirst();
    }

    /** The types of the context fields, for compiling and explaining the routing table. */
    public dev.junction.engine.routing.RoutingSchema routingSchema() {
        java.util.Map<String, dev.junction.engine.routing.FieldType> types = new java.util.HashMap<>();
        for (ContextField f : contextSchema) {
            if (f != null && f.name() != null && f.type() != null) types.putIfAbsent(f.name(), f.type());
        }
        return new dev.junction.engine.routing.RoutingSchema(types);
    }

    public Optional<ContextField> contextField(String name) {
        return contextSchema.stream().filter(f -> f != null && name.equals(f.name())).findFirst();
    }

    public DeploymentSpec withKey(String newKey) {
        return new DeploymentSpec(newKey, description, project, folder, contextSchema, variants, routing, tests, logBodies, maskPiiInLogs);
    }

    /** The same spec with another routing table; everything else (logBodies included) is kept. */
    public DeploymentSpec withRouting(RoutingTable newRouting) {
        return new DeploymentSpec(key, description, project, folder, contextSchema, variants, newRouting, tests, logBodies, maskPiiInLogs);
    }
}
