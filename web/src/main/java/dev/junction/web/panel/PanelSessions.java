package dev.junction.web.panel;

import dev.junction.engine.access.People;
import dev.junction.engine.access.Sessions;
import dev.junction.engine.access.User;
import java.util.Optional;

/**
 * The panel's sign-in: a person with email and password, or an admin token (a service account, or the bootstrap
 * token); either opens a {@link Sessions} session (in the database: it survives a restart and works on every
 * instance) kept in the {@value #COOKIE} cookie, with a CSRF token the panel's scripts send back as
 * {@value #CSRF_HEADER} on every state-changing request.
 */
public final class PanelSessions {
    public static final String COOKIE = "junction_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final Sessions sessions;
    private final People people;

    public PanelSessions(Sessions sessions, People people) {
        this.sessions = sessions;
        this.people = people;
    }

    public Optional<Sessions.Session> loginWithToken(String token, String ip, String userAgent) {
        return sessions.openWithToken(token, ip, userAgent);
    }

    /** Signs a person in; unknown people, wrong passwords and disabled accounts all answer empty, alike. */
    public Optional<Sessions.Session> loginWithPassword(String email, String password, String ip, String userAgent) {
        return people.checkPassword(email, password).map(u -> sessions.open(u, ip, userAgent));
    }

    public Sessions.Session open(User user, String ip, String userAgent) {
        return sessions.open(user, ip, userAgent);
    }

    public Optional<Sessions.Session> find(String id) {
        return sessions.find(id);
    }

    public void logout(String id) {
        sessions.end(id);
    }

    public static boolean csrfMatches(Sessions.Session session, String presented) {
        return Sessions.csrfMatches(session, presented);
    }
}
