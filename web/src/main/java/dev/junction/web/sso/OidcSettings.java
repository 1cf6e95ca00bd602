package dev.junction.web.sso;

import dev.junction.web.Settings.InvalidSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenID Connect sign-in, from the environment. Configured when {@code JUNCTION_OIDC_ISSUER} is set; then the client id
 * and secret are required, the rest has defaults. Every mistake is an {@link InvalidSettings} naming the variable.
 *
 * @param issuer       the provider's issuer URL; its {@code /.well-known/openid-configuration} is read on first use
 * @param clientId     this gateway's client id at the provider
 * @param clientSecret its secret (client_secret_basic), never printed
 * @param redirectUri  {@code <JUNCTION_PUBLIC_URL>/auth/oidc/callback}, to register at the provider
 * @param scopes       requested scopes, {@code openid} among them
 * @param groupsClaim  the ID token claim that lists the person's groups
 * @param roleMap      groups to grants
 * @param label        the panel's button text ("Sign in with <label>")
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, URI redirectUri, List<String> scopes,
                           String groupsClaim, RoleMap roleMap, String label) {
    public static final String CALLBACK_PATH = "/auth/oidc/callback";
    static final String DEFAULT_SCOPES = "openid email profile";
    static final String DEFAULT_LABEL = "Single sign-on";

    public OidcSettings {
        scopes = List.copyOf(scopes);
    }

    /**
     * The settings, or empty when OIDC is not configured.
     *
     * @param bind the address the gateway listens on and {@code port} its port: the default public URL
     */
    public static Optional<OidcSettings> fromEnv(Map<String, String> env, String bind, int port) {
        String issuer = value(env, "JUNCTION_OIDC_ISSUER");
        if (issuer == null) {
            for (String other : List.of("JUNCTION_OIDC_CLIENT_ID", "JUNCTION_OIDC_CLIENT_SECRET", "JUNCTION_OIDC_CLIENT_SECRET_FILE",
                    "JUNCTION_OIDC_ROLE_MAP")) {
                if (value(env, other) != null) {
                    throw new InvalidSettings(other + " is set but JUNCTION_OIDC_ISSUER is not: set the provider's issuer URL too");
                }
            }
            return Optional.empty();
        }
        URI issuerUri = httpUrl("JUNCTION_OIDC_ISSUER", issuer, true);
        String clientId = value(env, "JUNCTION_OIDC_CLIENT_ID");
        if (clientId == null) throw new InvalidSettings("JUNCTION_OIDC_CLIENT_ID is required with JUNCTION_OIDC_ISSUER");
        String secret = secret(env);
        String scopeText = Optional.ofNullable(value(env, "JUNCTION_OIDC_SCOPES")).orElse(DEFAULT_SCOPES);
        List<String> scopes = Arrays.stream(scopeText.split("[\\s,]+")).filter(s -> !s.isBlank()).distinct().toList();
        if (!scopes.contains("openid")) {
            throw new InvalidSettings("JUNCTION_OIDC_SCOPES must include 'openid' (got '" + scopeText + "')");
        }
        String groupsClaim = Optional.ofNullable(value(env, "JUNCTION_OIDC_GROUPS_CLAIM")).orElse("groups").strip();
        RoleMap roleMap;
        try {
            roleMap = RoleMap.parse(value(env, "JUNCTION_OIDC_ROLE_MAP"));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettings("JUNCTION_OIDC_ROLE_MAP: " + e.getMessage());
        }
        String label = Optional.ofNullable(value(env, "JUNCTION_OIDC_LABEL")).orElse(DEFAULT_LABEL).strip();
        if (label.length() > 60) throw new InvalidSettings("JUNCTION_OIDC_LABEL must be at most 60 characters, got " + label.length());
        return Optional.of(new OidcSettings(issuerUri, clientId.strip(), secret, URI.create(publicUrl(env, bind, port) + CALLBACK_PATH),
                scopes, groupsClaim, roleMap, label));
    }

    /** JUNCTION_PUBLIC_URL without a trailing slash, or http://<bind>:<port> (localhost for a wildcard bind). */
    static String publicUrl(Map<String, String> env, String bind, int port) {
        String configured = value(env, "JUNCTION_PUBLIC_URL");
        if (configured != null) {
            URI uri = httpUrl("JUNCTION_PUBLIC_URL", configured, false);
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }
        if (port == 0) {
            throw new InvalidSettings("JUNCTION_PUBLIC_URL is required with JUNCTION_OIDC_ISSUER when the port is 0 (chosen at start)");
        }
        String host = bind == null || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "localhost" : bind;
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return "http://" + host + ":" + port;
    }

    /**
     * An absolute http(s) URL without credentials, query or fragment; plain http only on a loopback host when
     * {@code httpsUnlessLoopback} (an issuer's tokens and keys must not travel in clear).
     */
    private static URI httpUrl(String var, String text, boolean httpsUnlessLoopback) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidSettings(var + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidSettings(var + " must be an absolute http(s) URL, got '" + text.strip() + "'");
        }
        if (uri.getRawUserInfo() != null) throw new InvalidSettings(var + " must not carry a user or password");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidSettings(var + " must have no query or fragment, got '" + text.strip() + "'");
        }
        if (httpsUnlessLoopback && scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new InvalidSettings(var + " must be https (plain http only for localhost), got '" + text.strip() + "'");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static String secret(Map<String, String> env) {
        String inline = value(env, "JUNCTION_OIDC_CLIENT_SECRET");
        String file = value(env, "JUNCTION_OIDC_CLIENT_SECRET_FILE");
        if (inline != null && file != null) {
            throw new InvalidSettings("set JUNCTION_OIDC_CLIENT_SECRET or JUNCTION_OIDC_CLIENT_SECRET_FILE, not both");
        }
        if (inline != null) return inline.strip();
        if (file == null) {
            throw new InvalidSettings("JUNCTION_OIDC_CLIENT_SECRET (or JUNCTION_OIDC_CLIENT_SECRET_FILE) is required with JUNCTION_OIDC_ISSUER");
        }
        try {
            String read = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
            if (read.isEmpty()) throw new InvalidSettings("JUNCTION_OIDC_CLIENT_SECRET_FILE " + file.strip() + " is empty");
            return read;
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new InvalidSettings("JUNCTION_OIDC_CLIENT_SECRET_FILE " + file.strip() + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String value(Map<String, String> env, String var) {
        String v = env.get(var);
        return v == null || v.isBlank() ? null : v;
    }

    /** Never prints the client secret. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, redirectUri=" + redirectUri
                + ", scopes=" + scopes + ", groupsClaim=" + groupsClaim + ", roleMap=" + roleMap + ", label=" + label + "]";
    }
}
