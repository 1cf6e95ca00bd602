package dev.junction.engine.access;

import java.util.Objects;

/**
 * A role on a scope: {@value #EVERYTHING} (every project, and what belongs to no project: providers, keys, people),
 * a project ({@code support}) or a folder path inside one ({@code support/emea}, which covers {@code support/emea}
 * and its subfolders). {@code bodies} adds {@link Permission#READ_BODIES} within the scope.
 */
public record Grant(Role role, String scope, boolean bodies) {
    public static final String EVERYTHING = "*";

    public Grant {
        Objects.requireNonNull(role, "role");
        scope = normalize(scope);
    }

    public static Grant everywhere(Role role) {
        return new Grant(role, EVERYTHING, role == Role.ADMIN);
    }

    public boolean global() {
        return EVERYTHING.equals(scope);
    }

    /** Whether this grant gives {@code permission} on what lives in {@code project} at {@code folder}. */
    public boolean allows(Permission permission, String project, String folder) {
        return has(permission) && covers(project, folder);
    }

    /** Whether the role (and flag) has the permission, wherever. */
    public boolean has(Permission permission) {
        if (permission == Permission.READ_BODIES) return bodies || role == Role.ADMIN;
        return role.includes(permission.least());
    }

    /** Whether the scope covers a project and folder ({@code folder} may be empty or null: the project's root). */
    public boolean covers(String project, String folder) {
        if (global()) return true;
        if (project == null) return false;
        String place = normalize(project + "/" + (folder == null ? "" : folder));
        return place.equals(scope) || place.startsWith(scope + "/");
    }

    /** Trims slashes and blanks: {@code "/support/emea/"} is {@code "support/emea"}; blank is {@value #EVERYTHING}. */
    public static String normalize(String scope) {
        if (scope == null || scope.isBlank() || scope.strip().equals(EVERYTHING)) return EVERYTHING;
        StringBuilder out = new StringBuilder();
        for (String part : scope.strip().split("/")) {
            if (part.isBlank()) continue;
            if (!out.isEmpty()) out.append('/');
            out.append(part.strip());
        }
        return out.isEmpty() ? EVERYTHING : out.toString();
    }
}
