package io.postureaudit.web.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import io.postureaudit.inventory.AccountNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the layout and forms need about the current request, as {@code inject:web} in Qute: who is signed in, the
 * CSRF token for forms ({@code {#csrf /}}), the path (to mark the current page in the navigation).
 */
@Named("web")
@RequestScoped
public class WebContext {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    public WebContext(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public boolean isSignedIn() {
        return identity != null && !identity.isAnonymous();
    }

    public String getUser() {
        return isSignedIn() ? identity.getPrincipal().getName() : "";
    }

    public boolean isAdmin() {
        return isSignedIn() && identity.hasRole("admin");
    }

    /** Only a browser session can be ended by the sign-out button; Basic credentials stay in the browser. */
    public boolean isCanSignOut() {
        return SignedInVia.ambient(identity);
    }

    public String getCsrfToken() {
        Object token = isSignedIn() ? identity.getAttribute(SignedInVia.CSRF_ATTRIBUTE) : null;
        return token == null ? "" : token.toString();
    }

    public String getPath() {
        return request.getCurrent() == null ? "/" : request.getCurrent().normalizedPath();
    }

    /** The link that switches the page language and comes back to this page. */
    public String switchTo(String language) {
        String uri = request.getCurrent() == null ? "/" : request.getCurrent().request().uri();
        return "/language/" + language + "?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
    }

    /** Whether the estate holds the bundled sample accounts, which every page then says. */
    public boolean isSampleData() {
        return isSignedIn() && !AccountNames.samples().isEmpty();
    }

    /** True on this page or below it: {@code /findings} is current on {@code /findings/42}. */
    public boolean current(String section) {
        String path = getPath();
        return "/".equals(section) ? "/".equals(path) : path.equals(section) || path.startsWith(section + "/");
    }
}
