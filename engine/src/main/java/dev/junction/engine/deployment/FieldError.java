package dev.junction.engine.deployment;

/** A validation failure that names the config path it is about: {@code variants[1].primary.model}. */
public record FieldError(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
