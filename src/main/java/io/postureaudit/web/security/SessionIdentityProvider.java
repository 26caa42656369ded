package io.postureaudit.web.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a session cookie into the identity that signed in with the form. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionCredential> {

    private final WebSessions sessions;

    public SessionIdentityProvider(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<SessionCredential> getRequestType() {
        return SessionCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionCredential request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.find(request.cookieValue())
                .map(s -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(s.username())).addRoles(s.roles())
                        .addAttribute(SignedInVia.ATTRIBUTE, SignedInVia.SESSION)
                        .addAttribute(SignedInVia.CSRF_ATTRIBUTE, s.csrfToken()).build())
                .orElseThrow(() -> new AuthenticationFailedException("session unknown, signed out or expired")));
    }
}
