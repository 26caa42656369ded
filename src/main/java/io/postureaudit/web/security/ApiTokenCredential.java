package io.postureaudit.web.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token from {@code Authorization: Bearer}, to be checked against the API token table. */
public final class ApiTokenCredential extends BaseAuthenticationRequest {

    private final String token;

    public ApiTokenCredential(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
