package dev.junction.engine.invoke;

/** No active deployment has this key. */
public final class DeploymentNotFoundException extends RuntimeException {
    private final String key;

    public DeploymentNotFoundException(String key) {
        super("deployment '" + key + "' not found", null, false, false);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
