package dev.junction.engine.spend;

/**
 * Who a request counts against: the API key's id ({@code null} for a request without one, the simulator's), the
 * caller's {@code identity.id} (or null), the deployment's key and its project. The workspace is always counted;
 * provider and model are known per attempt ({@link Admission#allows}, {@link Admission.Charge}).
 */
public record Spender(String apiKeyId, String identityId, String deploymentKey, String project) {
    /** This request's member of {@code scope}, or null when it has none (no API key, no identity). */
    public String member(Scope scope) {
        return switch (scope) {
            case WORKSPACE -> Scope.EACH;
            case PROJECT -> project;
            case DEPLOYMENT -> deploymentKey;
            case API_KEY -> apiKeyId;
            case IDENTITY -> identityId;
            case PROVIDER, MODEL -> null;
        };
    }
}
