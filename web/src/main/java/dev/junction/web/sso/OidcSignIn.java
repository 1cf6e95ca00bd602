package dev.junction.web.sso;

import dev.junction.engine.access.Grant;
import java.util.List;

/**
 * The seam between OpenID Connect and Junction's people: {@link OidcRoutes} proves who someone is (the provider's ID
 * token, checked), maps their groups to grants, and hands both here; the user store decides whether they get in.
 */
public interface OidcSignIn {
    /**
     * Signs in (creating or updating the user keyed by issuer+subject, email, name; grants from the provider's groups
     * replace the user's SSO-managed grants) and returns the session to set, or throws a {@link SignInRefused}.
     * With no mapped grants the implementation decides: a known user with grants of their own may come in; anyone
     * else is refused with {@link SignInRefused#noRole()}.
     *
     * @param ip        the TCP peer of the callback request
     * @param userAgent the browser's User-Agent, or null
     */
    SessionCookie signIn(OidcIdentity identity, List<Grant> mappedGrants, String ip, String userAgent);
}
