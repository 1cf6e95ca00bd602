package dev.junction.web.sso;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which grants a provider group gives, from {@code JUNCTION_OIDC_ROLE_MAP}:
 * {@code group=role[@scope][+bodies];...}, for example
 * {@code junction-admins=admin;support-analysts=analyst@support;emea-deployers=deployer@support/emea;auditors=viewer+bodies}.
 * A group may appear several times (several grants); the group name is everything before the last {@code =}, so
 * Keycloak's full paths ({@code /junction/admins}) work. Group names are compared exactly (case matters, as it does at
 * the providers).
 */
public record RoleMap(Map<String, List<Grant>> grants) {
    static final String BODIES = "+bodies";

    public RoleMap {
        Map<String, List<Grant>> copy = new LinkedHashMap<>();
        grants.forEach((group, list) -> copy.put(group, List.copyOf(list)));
        grants = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the map.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    public static RoleMap parse(String text) {
        Map<String, List<Grant>> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) return new RoleMap(out);
        for (String raw : text.split(";")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("entry '" + entry + "' is not group=role[@scope][+bodies]");
            }
            String group = entry.substring(0, eq).strip();
            out.computeIfAbsent(group, g -> new ArrayList<>()).add(grant(entry, entry.substring(eq + 1).strip()));
        }
        return new RoleMap(out);
    }

    private static Grant grant(String entry, String spec) {
        boolean bodies = spec.endsWith(BODIES);
        if (bodies) spec = spec.substring(0, spec.length() - BODIES.length()).strip();
        int at = spec.indexOf('@');
        String roleName = at < 0 ? spec : spec.substring(0, at).strip();
        String scope = at < 0 ? Grant.EVERYTHING : spec.substring(at + 1).strip();
        Role role = Role.parse(roleName).orElseThrow(() -> new IllegalArgumentException("entry '" + entry
                + "': unknown role '" + roleName + "' (viewer, analyst, deployer or admin)"));
        if (at >= 0 && scope.isEmpty()) throw new IllegalArgumentException("entry '" + entry + "': empty scope after @");
        if (scope.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("entry '" + entry + "': a scope has no spaces");
        }
        Grant grant = new Grant(role, scope, bodies);
        return role == Role.ADMIN && grant.global() ? Grant.everywhere(Role.ADMIN) : grant;
    }

    /** The grants these groups give, each once, in the map's order. */
    public List<Grant> grantsFor(List<String> groups) {
        Set<String> member = new LinkedHashSet<>(groups);
        Set<Grant> out = new LinkedHashSet<>();
        grants.forEach((group, list) -> {
            if (member.contains(group)) out.addAll(list);
        });
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }
}
