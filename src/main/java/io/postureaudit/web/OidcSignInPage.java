package io.postureaudit.web;

import io.postureaudit.web.security.PostureAuthenticationMechanism;
import io.postureaudit.web.security.WebSessions;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in through the organisation's OpenID Connect provider (authorization code flow, only when
 * {@code quarkus.oidc.auth-server-url} is set). Only the code mechanism guards this path, so reaching it means the
 * provider signed the person in; the roles come from the claim named by {@code quarkus.oidc.roles.role-claim-path}
 * (mapped with {@code quarkus.http.auth.roles-mapping}). The page then starts an ordinary browser session — the
 * same cookie, CSRF token and sign-out as the form — and drops the OIDC library's own session cookie.
 */
@Path("/login/oidc")
public class OidcSignInPage {

    /** The cookie the OIDC library keeps its session in; the posture session replaces it. */
    static final String OIDC_SESSION_COOKIE = "q_session";

    private final SecurityIdentity identity;
    private final WebSessions sessions;
    private final ErrorPages pages;

    public OidcSignInPage(SecurityIdentity identity, WebSessions sessions, ErrorPages pages) {
        this.identity = identity;
        this.sessions = sessions;
        this.pages = pages;
    }

    @GET
    public Response signIn(@QueryParam("next") String next, @Context HttpHeaders headers,
            @Context RoutingContext routing) {
        String user = identity.getPrincipal().getName();
        Set<String> roles = identity.getRoles().stream().filter(r -> r.equals(Roles.VIEWER) || r.equals(Roles.ADMIN))
                .collect(Collectors.toUnmodifiableSet());
        NewCookie dropOidc = LoginPage.cookie(OIDC_SESSION_COOKIE, "", 0, routing);
        if (roles.isEmpty()) {
            return Response.fromResponse(pages.page(Response.Status.FORBIDDEN, user + " was signed in by the identity "
                    + "provider but holds neither the viewer nor the admin role: expected one of them in the role "
                    + "claim (quarkus.oidc.roles.role-claim-path, mapped by quarkus.http.auth.roles-mapping), found "
                    + (identity.getRoles().isEmpty() ? "none" : String.join(", ", identity.getRoles())), headers))
                    .cookie(dropOidc).build();
        }
        WebSessions.Started started = sessions.start(user, roles);
        return Response.seeOther(URI.create(LoginPage.safeNext(next)))
                .cookie(LoginPage.cookie(PostureAuthenticationMechanism.SESSION_COOKIE, started.cookieValue(), -1,
                        routing), dropOidc).build();
    }
}
