package dev.junction.engine.review;

import java.util.Locale;

/** What a deploy request would do: deploy the draft, deploy an old version again, or deploy an imported spec. */
public enum ReviewKind {
    DEPLOY, ROLLBACK, IMPORT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReviewKind parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
