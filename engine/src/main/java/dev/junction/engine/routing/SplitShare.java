package dev.junction.engine.routing;

/** One variant's share of a split row's traffic, in whole percent. */
public record SplitShare(String variant, int percent) {
}
