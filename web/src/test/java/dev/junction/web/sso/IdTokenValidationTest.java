package dev.junction.web.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks the code flow cannot provoke through the provider itself, on the validator {@link OidcProvider} builds
 * from discovery: a token signed by another key (with every claim right), and an unsigned one.
 */
class IdTokenValidationTest {
    private final MockOAuth2Server provider = new MockOAuth2Server();
    private final IDTokenValidator validator;
    private final String issuer;

    IdTokenValidationTest() {
        provider.start();
        issuer = provider.issuerUrl("issuer").toString();
        OidcSettings settings = OidcSettings.fromEnv(Map.of("JUNCTION_OIDC_ISSUER", issuer,
                "JUNCTION_OIDC_CLIENT_ID", "junction-panel", "JUNCTION_OIDC_CLIENT_SECRET", "secret",
                "JUNCTION_PUBLIC_URL", "http://junction.example"), "127.0.0.1", 8080).orElseThrow();
        validator = new OidcProvider(settings).discovered().validator();
    }

    @AfterEach
    void stop() {
        provider.shutdown();
    }

    /** A token of the provider, for our client, with our nonce. */
    private SignedJWT token() {
        return provider.issueToken("issuer", "junction-panel", new DefaultOAuth2TokenCallback("issuer", "alice-sub", "JWT",
                List.of("junction-panel"), Map.of("iss", issuer, "aud", "junction-panel", "nonce", "n-1"), 3600));
    }

    @Test
    void a_token_signed_by_the_provider_passes() throws Exception {
        assertThat(validator.validate(token(), new Nonce("n-1")).getSubject().getValue()).isEqualTo("alice-sub");
    }

    /**
     * The provider's own token, re-signed with another RSA key under the provider's key id. (Not with a second
     * mock-oauth2-server: every instance signs an issuer id with the same key from its bundled key list.)
     */
    @Test
    void the_same_token_signed_by_another_key_is_refused() throws Exception {
        SignedJWT real = token();
        RSAKey other = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(other.getKeyID()).type(real.getHeader().getType())
                .build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(other));
        assertThatThrownBy(() -> validator.validate(forged, new Nonce("n-1")))
                .isInstanceOf(BadJOSEException.class).hasMessageContaining("Signed JWT rejected");
    }

    @Test
    void an_unsigned_token_is_refused() {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("alice-sub").audience("junction-panel")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).claim("nonce", "n-1").build();
        assertThatThrownBy(() -> validator.validate(new PlainJWT(claims), new Nonce("n-1"))).isInstanceOf(BadJOSEException.class);
    }
}
