package dev.junction.web.sso;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who signed in, read from an ID token Nimbus has already validated: subject and issuer, the email (refused when the
 * provider says it is not verified), a display name, and the groups claim (a list or a single string; a dotted name
 * such as {@code realm_access.roles} walks into objects when no claim has the whole name, since Auth0-style
 * namespaced claim names contain dots themselves).
 */
final class IdentityClaims {
    private IdentityClaims() {}

    static OidcIdentity from(IDTokenClaimsSet claims, String groupsClaim) {
        String email = string(claims.getClaim("email"));
        Object verified = claims.getClaim("email_verified");
        if (email != null && (Boolean.FALSE.equals(verified) || "false".equals(verified))) {
            throw new OidcRefusal(OidcFailure.UNVERIFIED_EMAIL, "email_verified is false for subject " + claims.getSubject().getValue());
        }
        String name = string(claims.getClaim("name"));
        if (name == null) name = string(claims.getClaim("preferred_username"));
        if (name == null) name = email;
        boolean vouched = email != null && (Boolean.TRUE.equals(verified) || "true".equals(verified));
        return new OidcIdentity(claims.getIssuer().getValue(), claims.getSubject().getValue(), email, vouched, name,
                groups(claim(claims.toJSONObject(), groupsClaim)));
    }

    private static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name) || !name.contains(".")) return claims.get(name);
        Object at = claims;
        for (String part : name.split("\\.")) {
            if (!(at instanceof Map<?, ?> map)) return null;
            at = map.get(part);
        }
        return at;
    }

    private static List<String> groups(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object o : list) {
                String s = string(o);
                if (s != null) out.add(s);
            }
        } else if (string(value) != null) {
            out.add(string(value));
        }
        return out;
    }

    private static String string(Object o) {
        if (!(o instanceof String s)) return null;
        s = s.strip();
        return s.isEmpty() ? null : s;
    }
}
