package io.postureaudit.web;

import io.postureaudit.web.security.PostureAuthenticationMechanism;
import io.postureaudit.web.security.Secrets;
import io.postureaudit.web.security.SignInThrottle;
import io.postureaudit.web.security.WebSessions;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The sign-in form for the embedded users, and sign-out. The form itself carries a token bound to a short-lived
 * cookie (there is no session yet to bind it to), so a page on another site cannot sign a browser in as someone else.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    static final String FORM_COOKIE = "posture-login-form";

    private final WebSessions sessions;
    private final SignInThrottle throttle;
    private final IdentityProviderManager identities;
    private final boolean oidc;

    public LoginPage(WebSessions sessions, SignInThrottle throttle, IdentityProviderManager identities,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcServer) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.identities = identities;
        this.oidc = oidcServer.isPresent() && !oidcServer.get().isBlank();
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String formToken, String next, String nextEncoded, String username,
                String message, String messageKind, boolean oidc);
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next, @QueryParam("signedOut") String signedOut,
            @Context HttpHeaders headers) {
        String message = signedOut != null ? messages(headers).login_signed_out() : null;
        return page(200, next, "", message, "info", headers);
    }

    @POST
    @Path("login")
    public Response signIn(@RestForm("username") String username, @RestForm("password") String password,
            @RestForm("_csrf") String formToken, @RestForm("next") String next, @Context HttpHeaders headers,
            @Context RoutingContext routing) {
        Messages text = messages(headers);
        var formCookie = headers.getCookies().get(FORM_COOKIE);
        if (formCookie == null || !Secrets.same(formCookie.getValue(), formToken)) {
            return page(403, next, username, text.login_expired(), "error", headers);
        }
        String user = username == null ? "" : username.strip();
        String address = PostureAuthenticationMechanism.clientAddress(routing);
        Optional<Duration> wait = throttle.wait(user, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            return Response.fromResponse(page(429, next, user, text.login_throttled(seconds), "error", headers))
                    .header("Retry-After", seconds).build();
        }
        SecurityIdentity identity;
        try {
            identity = identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(user,
                    new PasswordCredential(password == null ? new char[0] : password.toCharArray())));
        } catch (AuthenticationFailedException e) {
            throttle.failed(user, address, "form");
            return page(401, next, user, text.login_failed(), "error", headers);
        }
        throttle.succeeded(user);
        WebSessions.Started started = sessions.start(identity.getPrincipal().getName(), identity.getRoles());
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(cookie(PostureAuthenticationMechanism.SESSION_COOKIE, started.cookieValue(), -1, routing))
                .cookie(formCookie("", 0)).build();
    }

    /** Ends the browser session (the CSRF filter has checked the form's token) and forgets the cookie. */
    @POST
    @Path("logout")
    public Response signOut(@RestForm("_csrf") String csrf, @Context HttpHeaders headers,
            @Context RoutingContext routing) {
        var session = headers.getCookies().get(PostureAuthenticationMechanism.SESSION_COOKIE);
        if (session != null) {
            sessions.end(session.getValue());
        }
        return Response.seeOther(URI.create("/login?signedOut"))
                .cookie(cookie(PostureAuthenticationMechanism.SESSION_COOKIE, "", 0, routing)).build();
    }

    /** The language switch: remembers the choice in a cookie and goes back to the page it came from. */
    @GET
    @Path("language/{language}")
    public Response language(@jakarta.ws.rs.PathParam("language") String language, @QueryParam("next") String next,
            @Context RoutingContext routing) {
        String chosen = language.toLowerCase(Locale.ROOT);
        if (!io.postureaudit.web.security.LanguageFilter.SUPPORTED.contains(chosen)) {
            throw new BadInputException("language: expected one of "
                    + io.postureaudit.web.security.LanguageFilter.SUPPORTED + ", found '" + language + "'");
        }
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(new NewCookie.Builder(io.postureaudit.web.security.LanguageFilter.COOKIE).value(chosen)
                        .path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX)
                        .secure(https(routing)).build()).build();
    }

    private Response page(int status, String next, String username, String message, String kind,
            HttpHeaders headers) {
        // Keep the browser's form token when it has one: a second sign-in page (another tab, a favicon request
        // sent to /login) must not invalidate the form already on screen.
        var existing = headers.getCookies().get(FORM_COOKIE);
        String token = existing != null && existing.getValue().matches("[A-Za-z0-9_-]{43}") ? existing.getValue()
                : Secrets.token();
        String target = safeNext(next);
        TemplateInstance html = Templates.login(token, target, URLEncoder.encode(target, StandardCharsets.UTF_8),
                username == null ? "" : username, message, kind, oidc);
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE)
                .cookie(formCookie(token, 3600)).build();
    }

    private static NewCookie formCookie(String value, int maxAge) {
        return new NewCookie.Builder(FORM_COOKIE).value(value).path("/login").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    static NewCookie cookie(String name, String value, int maxAge, RoutingContext routing) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                .secure(https(routing)).maxAge(maxAge).build();
    }

    private static boolean https(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        return "https".equalsIgnoreCase(request.scheme());
    }

    /** Only a path on this site: never {@code //evil.example} or {@code https://…}, which would be an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private static Messages messages(HttpHeaders headers) {
        String language = headers.getAcceptableLanguages().isEmpty() ? "en"
                : headers.getAcceptableLanguages().get(0).getLanguage();
        return MessageBundles.get(Messages.class, io.quarkus.qute.i18n.Localized.Literal.of(language));
    }
}
