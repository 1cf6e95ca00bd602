package dev.junction.engine.access;

import dev.junction.engine.deployment.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Grants as a client sends them (role and scope as text), checked into {@link Grant}s with errors by path. */
public record GrantInput(String role, String scope, Boolean bodies) {
    private static final Pattern SCOPE = Pattern.compile("\\*|[A-Za-z0-9_-]{1,128}(/[A-Za-z0-9 _.-]{1,64})*");
    public static final int MAX_GRANTS = 100;

    /** The grants, or the errors at {@code field[i].role} / {@code field[i].scope}. */
    public static List<Grant> check(String field, List<GrantInput> inputs, List<FieldError> errors) {
        List<Grant> out = new ArrayList<>();
        if (inputs == null) return out;
        if (inputs.size() > MAX_GRANTS) {
            errors.add(new FieldError(field, "at most " + MAX_GRANTS + " grants"));
            return out;
        }
        for (int i = 0; i < inputs.size(); i++) {
            GrantInput in = inputs.get(i);
            String at = field + "[" + i + "]";
            if (in == null) {
                errors.add(new FieldError(at, "must be an object with role and scope"));
                continue;
            }
            var role = Role.parse(in.role());
            if (role.isEmpty()) errors.add(new FieldError(at + ".role", "must be one of viewer, analyst, deployer, admin"));
            String scope = in.scope() == null || in.scope().isBlank() ? Grant.EVERYTHING : in.scope().strip();
            String normalized = Grant.normalize(scope);
            if (!SCOPE.matcher(normalized).matches()) {
                errors.add(new FieldError(at + ".scope",
                        "must be '*' (everything), a project ('support') or a folder path in one ('support/emea')"));
            }
            if (role.isPresent() && SCOPE.matcher(normalized).matches()) {
                Grant g = new Grant(role.get(), normalized, Boolean.TRUE.equals(in.bodies()));
                if (!out.contains(g)) out.add(g);
            }
        }
        return out;
    }
}
