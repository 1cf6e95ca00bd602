package dev.junction.engine.routing;

import java.util.Map;

/**
 * The types of the context fields a routing table reads. A field the schema does not declare is a string field:
 * that is how tables written before typed fields (and deployments with no schema) keep their meaning.
 */
public record RoutingSchema(Map<String, FieldType> types) {
    public static final RoutingSchema STRINGS = new RoutingSchema(Map.of());

    public RoutingSchema {
        types = Map.copyOf(types);
    }

    public FieldType typeOf(String field) {
        return types.getOrDefault(field, FieldType.STRING);
    }
}
