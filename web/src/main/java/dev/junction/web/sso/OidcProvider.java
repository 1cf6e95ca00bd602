package dev.junction.web.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The identity provider, through Nimbus's OAuth 2.0 / OIDC SDK: its metadata from discovery
 * ({@code /.well-known/openid-configuration}, read on first use and kept; forgotten when a call to the provider fails,
 * so a moved endpoint or rotated configuration is read again), the authorization request, the token request, and
 * the ID token's validation ({@link IDTokenValidator}: signature against the provider's JWKS, issuer, audience,
 * expiry, nonce). The JWKS is a Nimbus remote JWK source: cached, refreshed ahead of expiry and when a token names
 * a key it does not know (the provider rotated its keys). Nothing here checks a token by hand.
 */
final class OidcProvider {
    /** Connect and read timeouts of every call to the provider (discovery, keys, tokens). */
    static final int TIMEOUT_MS = 5_000;
    /** The largest JWKS document read. */
    static final int JWKS_MAX_BYTES = 512 * 1024;

    private final OidcSettings settings;
    private final AtomicReference<Discovered> discovered = new AtomicReference<>();

    /** What discovery gave: the metadata, and the validator built on its issuer, algorithms and keys. */
    record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

    OidcProvider(OidcSettings settings) {
        this.settings = settings;
    }

    /** The provider's authorization endpoint with a code request: state, nonce and a PKCE S256 challenge. */
    URI authorizationRequest(State state, Nonce nonce, CodeVerifier verifier) {
        OIDCProviderMetadata metadata = discovered().metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(settings.scopes().toArray(String[]::new)),
                new ClientID(settings.clientId()), settings.redirectUri())
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    /** Exchanges the code (with the PKCE verifier) for tokens, and returns the ID token's validated claims. */
    IDTokenClaimsSet redeem(String code, CodeVerifier verifier, Nonce nonce) {
        Discovered d = discovered();
        JWT idToken = exchange(d.metadata(), code, verifier);
        try {
            return d.validator().validate(idToken, nonce);
        } catch (BadJOSEException e) { // signature, issuer, audience, expiry, nonce: Nimbus says which
            throw new OidcRefusal(OidcFailure.INVALID_TOKEN, "ID token refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new OidcRefusal(OidcFailure.INVALID_TOKEN, "ID token could not be checked: " + e.getMessage());
        }
    }

    private JWT exchange(OIDCProviderMetadata metadata, String code, CodeVerifier verifier) {
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), clientAuthentication(metadata),
                new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(), verifier));
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        HTTPResponse response;
        try {
            response = http.send();
        } catch (IOException e) {
            discovered.set(null); // read the configuration again next time: the endpoint may have moved
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "token endpoint unreachable (" + e.getClass().getSimpleName() + ")", e);
        }
        if (response.getStatusCode() >= 500) {
            discovered.set(null);
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "token endpoint answered " + response.getStatusCode());
        }
        TokenResponse parsed;
        try {
            parsed = OIDCTokenResponseParser.parse(response);
        } catch (ParseException e) {
            throw new OidcRefusal(OidcFailure.CODE_REFUSED, "token response unreadable (HTTP " + response.getStatusCode() + ")");
        }
        if (!parsed.indicatesSuccess()) {
            var error = parsed.toErrorResponse().getErrorObject();
            throw new OidcRefusal(OidcFailure.CODE_REFUSED, "token request refused: " + error.getCode()
                    + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"));
        }
        if (!(parsed.toSuccessResponse() instanceof OIDCTokenResponse oidc) || oidc.getOIDCTokens().getIDToken() == null) {
            throw new OidcRefusal(OidcFailure.INVALID_TOKEN, "token response has no ID token (is 'openid' among the scopes?)");
        }
        return oidc.getOIDCTokens().getIDToken();
    }

    /** client_secret_basic, unless the provider says it takes client_secret_post only. */
    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        ClientID id = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        if (methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)) {
            return new ClientSecretPost(id, secret);
        }
        return new ClientSecretBasic(id, secret);
    }

    /** The cached discovery, or a new one. */
    Discovered discovered() {
        Discovered d = discovered.get();
        if (d != null) return d;
        d = discover();
        discovered.compareAndSet(null, d);
        return d;
    }

    private Discovered discover() {
        OIDCProviderMetadata metadata;
        try {
            // Nimbus checks that the document's issuer is the one asked for
            metadata = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), TIMEOUT_MS, TIMEOUT_MS);
        } catch (IOException e) {
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "discovery at " + settings.issuer() + " failed ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "discovery document of " + settings.issuer()
                    + " refused: " + e.getMessage(), e);
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null || metadata.getJWKSetURI() == null) {
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "discovery document of " + settings.issuer()
                    + " lacks an authorization endpoint, a token endpoint or a jwks_uri");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, JWKS_MAX_BYTES)).retrying(true).build();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new OidcRefusal(OidcFailure.PROVIDER_UNAVAILABLE, "jwks_uri of " + settings.issuer() + " is not a URL", e);
        }
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<>(signingAlgorithms(metadata), keys), null);
        return new Discovered(metadata, validator);
    }

    /**
     * The public-key algorithms the provider signs ID tokens with ({@code RS256} when it does not say). HMAC is left
     * out: it would make the client secret a signing key; {@code none} is never accepted.
     */
    static Set<JWSAlgorithm> signingAlgorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        if (metadata.getIDTokenJWSAlgs() != null) {
            for (JWSAlgorithm alg : metadata.getIDTokenJWSAlgs()) {
                if (JWSAlgorithm.Family.SIGNATURE.contains(alg)) out.add(alg);
            }
        }
        if (out.isEmpty()) out.add(JWSAlgorithm.RS256);
        return out;
    }
}
