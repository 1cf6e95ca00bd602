package dev.junction.engine.deployment;

/**
 * Which deployments to list: by project, by folder (the folder and everything below it), and a search text
 * matched against key and description. Null members do not filter.
 */
public record DeploymentQuery(String project, String folder, String search) {
    public static final DeploymentQuery ALL = new DeploymentQuery(null, null, null);
}
