package dev.junction.engine.invoke;

/** Where a request came from, as logs record it. An SDK is recognised by its user agent. */
public enum Source {
    API, SDK, SIMULATOR
}
