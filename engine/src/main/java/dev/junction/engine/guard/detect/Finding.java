package dev.junction.engine.guard.detect;
public record Finding(int start, int end, String kind) {}
