package io.postureaudit.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses (403) a state-changing request signed in by a browser session unless it carries that session's CSRF token,
 * as the form field {@value #FIELD} or the header {@value #HEADER}. Basic and Bearer callers are not asked: their
 * credential is never sent by the browser on its own.
 */
public class CsrfFilter {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Inject
    SecurityIdentity identity;

    /** {@code readBody}: the form is parsed before this runs, so that the token field can be read. */
    @ServerRequestFilter(readBody = true)
    public Optional<Response> check(ResteasyReactiveContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || !SignedInVia.ambient(identity)
                || WebFilters.SLACK_INTERACTIVITY.equals(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String expected = (String) identity.getAttribute(SignedInVia.CSRF_ATTRIBUTE);
        String found = request.getHeaderString(HEADER);
        if (found == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(FIELD, true, false);
            found = field == null ? null : field.toString();
        }
        if (expected != null && Secrets.same(expected, found)) {
            return Optional.empty();
        }
        String error = found == null
                ? "CSRF token missing: expected the form field " + FIELD + " or the header " + HEADER
                : "CSRF token does not match this session; reload the page and try again";
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", error)).build());
    }
}
