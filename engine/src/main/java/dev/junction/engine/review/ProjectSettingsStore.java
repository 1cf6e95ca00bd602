package dev.junction.engine.review;

/** Where project settings are kept (port; the store module implements it). */
public interface ProjectSettingsStore {
    /** The project's settings, or {@link ProjectSettings#defaults} when none were saved. */
    ProjectSettings get(String project);

    ProjectSettings put(String project, boolean reviewsRequired, String updatedBy);
}
