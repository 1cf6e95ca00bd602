package dev.junction.web.sso;

import dev.junction.store.JooqOidcPendingLogins;
import dev.junction.store.TestDatabase;
import dev.junction.web.http.Errors;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;

/**
 * One gateway instance's OIDC routes on a real Javalin (loopback, port 0) over a test database, configured as a
 * deployment behind a load balancer would be: the public URL ({@link #PUBLIC_URL}) is the balancer's, not this
 * instance's, so the provider's redirect can be handed to any instance.
 */
final class OidcGateway implements AutoCloseable {
    static final String PUBLIC_URL = "http://junction.example";
    static final String CLIENT_ID = "junction-panel";
    static final String CLIENT_SECRET = "s3cret-of-the-panel-client";
    static final String ROLE_MAP = "junction-admins=admin;support-analysts=analyst@support;emea-deployers=deployer@support/emea;"
            + "auditors=viewer+bodies";

    final Javalin http;
    final OidcSettings settings;

    OidcGateway(String issuer, TestDatabase db, OidcSignIn signIn, Clock clock) {
        settings = OidcSettings.fromEnv(Map.of(
                "JUNCTION_OIDC_ISSUER", issuer,
                "JUNCTION_OIDC_CLIENT_ID", CLIENT_ID,
                "JUNCTION_OIDC_CLIENT_SECRET", CLIENT_SECRET,
                "JUNCTION_PUBLIC_URL", PUBLIC_URL,
                "JUNCTION_OIDC_ROLE_MAP", ROLE_MAP,
                "JUNCTION_OIDC_LABEL", "Example SSO"), "127.0.0.1", 8080).orElseThrow();
        OidcRoutes routes = OidcRoutes.enabled(new OidcLogin(settings, new JooqOidcPendingLogins(db.dsl()), clock), signIn);
        http = serve(routes);
    }

    static Javalin serve(OidcRoutes routes) {
        return Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.startup.showJavalinBanner = false;
            Errors.register(config.routes);
            routes.register(config.routes);
        }).start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.port() + path;
    }

    @Override
    public void close() {
        http.stop();
    }
}
