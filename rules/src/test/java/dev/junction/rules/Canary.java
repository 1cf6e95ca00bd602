package dev.junction.rules;

import java.util.concurrent.atomic.AtomicBoolean;

/** Hostile values in the fuzz test try to call {@link #trip()} from DRL; if one ever ran, the test fails. */
public final class Canary {
    static final AtomicBoolean TRIPPED = new AtomicBoolean();

    private Canary() {}

    public static boolean trip() {
        TRIPPED.set(true);
        return true;
    }
}
