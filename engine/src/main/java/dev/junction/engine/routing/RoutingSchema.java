package dev.junction.engine.routing;

import java.util.Map;

/**
 * The types of the context fields a routing table reads. A field the schema does not declare is a string field:
 * that is how tables written before typed fields (and deployments with no schema) keep their meaning. The request
 * fields ({@link RequestFields}: {@code request.has_images}...) and the spend fields ({@link SpendFields}:
 * {@code spend.identity.month_usd}...) always have their fixed types, whatever the map says.
 */
public record RoutingSchema(Map<String, FieldType> types) {
    public static final RoutingSchema STRINGS = new RoutingSchema(Map.of());

    public RoutingSchema {
        types = Map.copyOf(types);
    }

    public FieldType typeOf(String field) {
        FieldType request = RequestFields.typeOf(field);
        if (request != null) return request;
        FieldType spend = SpendFields.typeOf(field);
        if (spend != null) return spend;
        return types.getOrDefault(field, FieldType.STRING);
    }
}
