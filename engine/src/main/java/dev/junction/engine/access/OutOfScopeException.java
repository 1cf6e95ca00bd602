package dev.junction.engine.access;

/** An API key asked for a deployment outside its scope (a 403 on every door). */
public final class OutOfScopeException extends RuntimeException {
    private final String deploymentKey;

    public OutOfScopeException(ApiKeyAccess key, String deploymentKey) {
        super("API key '" + key.name() + "' may not invoke deployment '" + deploymentKey + "' (its scope: "
                + key.scope().describe() + ")", null, false, false);
        this.deploymentKey = deploymentKey;
    }

    public String deploymentKey() {
        return deploymentKey;
    }
}
