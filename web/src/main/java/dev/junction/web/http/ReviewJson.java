package dev.junction.web.http;

import dev.junction.engine.review.Actor;
import dev.junction.engine.review.DeployReview;
import dev.junction.engine.review.ProjectSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deploy requests and project settings as the panel API shows them. */
final class ReviewJson {
    private ReviewJson() {}

    /**
     * A deploy request. {@code full} adds the spec snapshot and the replay's listed changes; a list leaves them out
     * (the replay's counts and shares stay).
     */
    static Map<String, Object> review(DeployReview r, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().toString());
        m.put("deployment", r.target().key());
        m.put("project", r.target().project());
        m.put("folder", r.target().folder());
        m.put("kind", r.snapshot().kind().wire());
        m.put("status", r.status().wire());
        m.put("author", actor(r.author()));
        m.put("message", r.message());
        m.put("createdAt", r.createdAt().toString());
        m.put("draftRevision", r.snapshot().draftRevision());
        m.put("rollbackOf", r.snapshot().sourceVersion());
        m.put("baseVersion", r.snapshot().baseVersion());
        m.put("contentHash", r.snapshot().contentHash());
        m.put("changes", r.evidence().changes());
        m.put("tests", r.evidence().tests());
        var replay = r.evidence().replay();
        if (full) {
            m.put("replay", replay);
        } else {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("requests", replay.requests());
            summary.put("changed", replay.changed());
            summary.put("shares", replay.shares());
            m.put("replay", summary);
        }
        m.put("warnings", r.evidence().warnings());
        DeployReview.Decision d = r.decision();
        m.put("decidedBy", d == null || d.by() == null ? null : actor(d.by()));
        m.put("decidedAt", d == null ? null : d.at().toString());
        m.put("comment", d == null ? null : d.comment());
        m.put("deployedVersion", d == null ? null : d.deployedVersion());
        if (full) m.put("spec", r.snapshot().spec());
        return m;
    }

    static Map<String, Object> actor(Actor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind().wire());
        m.put("id", a.id());
        m.put("name", a.name());
        return m;
    }

    static Map<String, Object> settings(ProjectSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", s.project());
        m.put("reviewsRequired", s.reviewsRequired());
        m.put("updatedAt", s.updatedAt() == null ? null : s.updatedAt().toString());
        m.put("updatedBy", s.updatedBy());
        return m;
    }
}
