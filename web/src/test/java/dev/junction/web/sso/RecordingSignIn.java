package dev.junction.web.sso;

import dev.junction.engine.access.Grant;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The user store's stand-in in tests: records each sign-in and opens a session, refusing (as the real one does) a
 * person with no mapped grant unless their subject is among {@code knownWithGrants}.
 */
final class RecordingSignIn implements OidcSignIn {
    record Call(OidcIdentity identity, List<Grant> grants, String ip, String userAgent) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> knownWithGrants;

    RecordingSignIn(Set<String> knownWithGrants) {
        this.knownWithGrants = knownWithGrants;
    }

    @Override
    public SessionCookie signIn(OidcIdentity identity, List<Grant> mappedGrants, String ip, String userAgent) {
        calls.add(new Call(identity, mappedGrants, ip, userAgent));
        if (mappedGrants.isEmpty() && !knownWithGrants.contains(identity.subject())) throw SignInRefused.noRole();
        return new SessionCookie("junction_session", "session-" + calls.size(), Duration.ofHours(12));
    }
}
