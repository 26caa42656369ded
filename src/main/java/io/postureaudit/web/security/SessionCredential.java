package io.postureaudit.web.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The value of the session cookie, to be checked against the session table. */
public final class SessionCredential extends BaseAuthenticationRequest {

    private final String cookieValue;

    public SessionCredential(String cookieValue) {
        this.cookieValue = cookieValue;
    }

    public String cookieValue() {
        return cookieValue;
    }
}
