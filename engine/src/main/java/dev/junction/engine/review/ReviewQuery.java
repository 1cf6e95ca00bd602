package dev.junction.engine.review;

/** A filter of the deploy requests list: a status and a deployment key (each null: any), newest first, at most {@code limit}. */
public record ReviewQuery(ReviewStatus status, String deployment, int limit) {}
