package io.postureaudit.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before authentication on every request: refuses state-changing requests that a browser says came from
 * another site (403), and puts the security headers on every response, including challenges and errors.
 */
@ApplicationScoped
public class WebFilters {

    /** Signed by Slack itself, posted by Slack's servers: neither a browser nor one of our forms. */
    public static final String SLACK_INTERACTIVITY = "/slack/interactivity";
    static final String CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "object-src 'none'";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    void register(@Observes Filters filters) {
        // Priority above the security filters, so that even a 401 or 302 challenge carries the headers.
        filters.register(this::filter, 1_000_000);
    }

    void filter(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean https = "https".equalsIgnoreCase(request.scheme());
        HttpServerResponse response = context.response();
        context.addHeadersEndHandler(v -> headers(response, https));
        if (!SAFE.contains(request.method()) && !SLACK_INTERACTIVITY.equals(context.normalizedPath())) {
            String refusal = crossSite(request);
            if (refusal != null) {
                response.setStatusCode(403).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", refusal).encode());
                return;
            }
        }
        context.next();
    }

    private static void headers(HttpServerResponse response, boolean https) {
        var h = response.headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("X-Frame-Options", "DENY");
        if (https) {
            h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    /** Why this request looks cross-site, or null when it does not. */
    static String crossSite(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.strip().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                return "cross-site request refused: Sec-Fetch-Site is '" + site + "', expected same-origin";
            }
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return null;
        }
        String expected = request.scheme() + "://" + request.authority();
        if (origin.equals("null")) {
            return "cross-site request refused: Origin is 'null', expected " + expected;
        }
        if (!sameOrigin(origin, request.scheme(), request.authority() == null ? null : request.authority().toString())) {
            return "cross-site request refused: Origin is '" + origin + "', expected " + expected;
        }
        return null;
    }

    private static boolean sameOrigin(String origin, String scheme, String authority) {
        try {
            URI o = URI.create(origin.strip());
            if (o.getScheme() == null || o.getHost() == null || authority == null) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            String originAuthority = o.getHost().toLowerCase(Locale.ROOT)
                    + (o.getPort() == -1 || o.getPort() == defaultPort ? "" : ":" + o.getPort());
            String host = authority.toLowerCase(Locale.ROOT);
            int requestDefault = "https".equalsIgnoreCase(scheme) ? 443 : 80;
            if (host.endsWith(":" + requestDefault)) {
                host = host.substring(0, host.length() - (":" + requestDefault).length());
            }
            return o.getScheme().equalsIgnoreCase(scheme) && originAuthority.equals(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
