package io.postureaudit.web.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One place that signs requests in: {@code Authorization: Bearer} (API tokens), {@code Authorization: Basic}
 * (embedded users, throttled by {@link SignInThrottle}) and the session cookie set by the sign-in form. Anonymous
 * page requests are sent to {@code /login}; anonymous API requests get 401 with a Basic challenge.
 */
@ApplicationScoped
public class PostureAuthenticationMechanism implements HttpAuthenticationMechanism {

    public static final String SESSION_COOKIE = "posture-session";
    private static final String RETRY_AFTER = "posture.retry-after";

    private final SignInThrottle throttle;

    public PostureAuthenticationMechanism(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    /**
     * Ahead of the OIDC code mechanism (when configured): our cookie, Basic and Bearer are read first, and an anonymous
     * request is sent to /login (pages) or answered 401 (API) rather than redirected to the identity provider, which
     * only {@code /login/oidc} does.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return identities.authenticate(attach(new ApiTokenCredential(authorization.substring(7).strip()),
                        context));
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(context, identities, authorization.substring(6).strip());
            }
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "Authorization: expected the Basic or Bearer scheme"));
        }
        Cookie session = context.request().getCookie(SESSION_COOKIE);
        if (session != null && !session.getValue().isBlank()) {
            // A stale cookie is no sign-in at all: the request goes on as anonymous (and pages send it to /login).
            return identities.authenticate(attach(new SessionCredential(session.getValue()), context))
                    .onFailure(AuthenticationFailedException.class).recoverWithNull();
        }
        return Uni.createFrom().optional(Optional.empty());
    }

    private Uni<SecurityIdentity> basic(RoutingContext context, IdentityProviderManager identities, String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Basic credentials are not base64"));
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Basic credentials have no ':'"));
        }
        String user = decoded.substring(0, colon);
        String address = clientAddress(context);
        Optional<Duration> wait = throttle.wait(user, address);
        if (wait.isPresent()) {
            context.put(RETRY_AFTER, Math.max(1, wait.get().toSeconds()));
            return Uni.createFrom().failure(new AuthenticationFailedException("too many failed sign-ins"));
        }
        char[] password = decoded.substring(colon + 1).toCharArray();
        return identities.authenticate(attach(new UsernamePasswordAuthenticationRequest(user,
                new PasswordCredential(password)), context))
                .onItem().transform(identity -> {
                    throttle.succeeded(user);
                    return (SecurityIdentity) QuarkusSecurityIdentity.builder(identity)
                            .addAttribute(SignedInVia.ATTRIBUTE, SignedInVia.BASIC).build();
                })
                .onFailure().invoke(e -> throttle.failed(user, address, "basic"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Object retryAfter = context.get(RETRY_AFTER);
        if (retryAfter != null) {
            return Uni.createFrom().item(new ChallengeData(429, "Retry-After", retryAfter.toString()));
        }
        String path = context.normalizedPath();
        boolean page = !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/q/")
                && "GET".equals(context.request().method().name());
        if (page) {
            String next = context.request().uri();
            return Uni.createFrom().item(new ChallengeData(302, "Location",
                    "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"Posture Audit\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, SessionCredential.class, ApiTokenCredential.class);
    }

    /** The client's address as Vert.x sees it (the forwarded one when proxy address forwarding is configured). */
    public static String clientAddress(RoutingContext context) {
        return context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
    }

    private static <T extends AuthenticationRequest> T attach(T request, RoutingContext context) {
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return request;
    }
}
