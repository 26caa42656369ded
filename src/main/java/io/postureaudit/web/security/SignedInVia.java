package io.postureaudit.web.security;

import io.quarkus.security.identity.SecurityIdentity;

/** How a request was signed in, kept as an identity attribute: browser sessions must carry the CSRF token. */
public final class SignedInVia {

    /** Identity attribute holding one of the values below. */
    public static final String ATTRIBUTE = "posture.signed-in-via";
    /** Identity attribute holding the browser session's CSRF token. */
    public static final String CSRF_ATTRIBUTE = "posture.csrf-token";
    /** Identity attribute holding the API token's id. */
    public static final String TOKEN_ID_ATTRIBUTE = "posture.token-id";
    public static final String SESSION = "session";
    public static final String BASIC = "basic";
    public static final String TOKEN = "token";
    public static final String OIDC = "oidc";

    private SignedInVia() {
    }

    public static String of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Object via = identity.getAttribute(ATTRIBUTE);
        // Identities from an OIDC code flow carry no attribute of ours but ride on a session cookie all the same.
        return via == null ? OIDC : via.toString();
    }

    /** True when the browser sends the credential by itself (cookies), so a forged request would carry it too. */
    public static boolean ambient(SecurityIdentity identity) {
        String via = of(identity);
        return SESSION.equals(via) || OIDC.equals(via);
    }
}
