package dev.junction.engine.access;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.SpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What an API key may invoke: projects or folder paths inside them ({@code support}, {@code support/emea}, the
 * syntax of a {@link Grant}'s scope: a path covers its subfolders) and deployment keys. A deployment is in scope when
 * its live version lives under one of the paths or its key is listed. Both lists empty is every deployment (what
 * keys made before scopes existed have).
 */
public record ApiKeyScope(List<String> projects, List<String> deployments) {
    public static final ApiKeyScope EVERYTHING = new ApiKeyScope(List.of(), List.of());
    /** Entries per list: a scope is read on every request, and a key for hundreds of deployments wants a project. */
    public static final int MAX_ENTRIES = 100;

    public ApiKeyScope {
        projects = distinct(projects, true);
        deployments = distinct(deployments, false);
    }

    public static ApiKeyScope projects(String... paths) {
        return new ApiKeyScope(List.of(paths), List.of());
    }

    public static ApiKeyScope deployments(String... keys) {
        return new ApiKeyScope(List.of(), List.of(keys));
    }

    /** Whether the key may invoke every deployment. */
    public boolean everything() {
        return projects.isEmpty() && deployments.isEmpty();
    }

    /**
     * Whether the deployment {@code key}, living in {@code project} at {@code folder}, is in scope. A deployment with
     * no live version has no place ({@code project} null): only its key can put it in scope.
     */
    public boolean covers(String key, String project, String folder) {
        if (everything() || deployments.contains(key)) return true;
        if (project == null) return false;
        String place = Grant.normalize(project + "/" + (folder == null ? "" : folder));
        for (String path : projects) {
            if (place.equals(path) || place.startsWith(path + "/")) return true;
        }
        return false;
    }

    /** The scope in words, for error messages: {@code project checkout, folder support/emea, deployment faq}. */
    public String describe() {
        if (everything()) return "every deployment";
        List<String> parts = new ArrayList<>();
        for (String p : projects) parts.add((p.contains("/") ? "folder " : "project ") + p);
        for (String d : deployments) parts.add("deployment " + d);
        return String.join(", ", parts);
    }

    /**
     * What is wrong with a scope as a client sent it, each error at its path under {@code path}
     * ({@code scope.projects[1]}): paths are a project key, then folder names ({@link SpecValidator#KEY},
     * {@link SpecValidator#FOLDER}); deployment keys are keys. Names that do not exist yet are fine: a key can be
     * scoped to a deployment before it is created.
     */
    public static List<FieldError> check(String path, List<String> projects, List<String> deployments) {
        List<FieldError> errors = new ArrayList<>();
        if (projects.size() > MAX_ENTRIES) errors.add(new FieldError(path + ".projects", "at most " + MAX_ENTRIES + " entries"));
        if (deployments.size() > MAX_ENTRIES) errors.add(new FieldError(path + ".deployments", "at most " + MAX_ENTRIES + " entries"));
        for (int i = 0; i < projects.size(); i++) {
            String problem = pathProblem(projects.get(i));
            if (problem != null) errors.add(new FieldError(path + ".projects[" + i + "]", problem));
        }
        for (int i = 0; i < deployments.size(); i++) {
            String key = deployments.get(i);
            if (key == null || !SpecValidator.KEY.matcher(key).matches()) {
                errors.add(new FieldError(path + ".deployments[" + i + "]", "must be a deployment key: 1 to 128 letters, digits, '-' or '_'"));
            }
        }
        return errors;
    }

    private static String pathProblem(String raw) {
        String path = raw == null ? Grant.EVERYTHING : Grant.normalize(raw);
        if (path.equals(Grant.EVERYTHING)) {
            return "must be a project or a folder path ('support', 'support/emea'); leave the scope empty for every deployment";
        }
        int slash = path.indexOf('/');
        String project = slash < 0 ? path : path.substring(0, slash);
        if (!SpecValidator.KEY.matcher(project).matches()) {
            return "'" + project + "' is not a project key: 1 to 128 letters, digits, '-' or '_'";
        }
        if (slash >= 0 && !SpecValidator.FOLDER.matcher(path.substring(slash + 1)).matches()) {
            return "the folder path must be names (letters, digits, space, '_', '-', '.') separated by '/'";
        }
        return null;
    }

    private static List<String> distinct(List<String> values, boolean paths) {
        if (values == null) return List.of();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null) out.add(paths ? Grant.normalize(v) : v.strip());
        }
        return List.copyOf(out);
    }
}
