package dev.junction.web.http;

import java.util.UUID;

/** Ids in a path ({@code /api/keys/{id}}): one that is not a UUID names nothing, so it is a 404 like any unknown id. */
final class PathIds {
    private PathIds() {}

    static UUID uuid(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(what, raw);
        }
    }
}
