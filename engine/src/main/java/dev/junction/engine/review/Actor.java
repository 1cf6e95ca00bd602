package dev.junction.engine.review;

import dev.junction.engine.access.Principal;
import java.util.Objects;

/**
 * Who made or decided a deploy request: a principal's identity without its grants (grants change; who did it does
 * not). Two actors are the same person or account when kind and id agree; the name is what people read.
 */
public record Actor(Principal.Kind kind, String id, String name) {
    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public static Actor of(Principal principal) {
        return new Actor(principal.kind(), principal.id(), principal.name());
    }

    /** Same kind and id: the name is not compared (a token renamed is still the same account). */
    public boolean is(Principal principal) {
        return kind == principal.kind() && id.equals(principal.id());
    }
}
