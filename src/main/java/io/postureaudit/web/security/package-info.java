/**
 * Who may do what on the web, and cross-site protection. How another page plugs in:
 * <ul>
 * <li><b>Sign-in</b>: every request is authenticated by {@link io.postureaudit.web.security.PostureAuthenticationMechanism}
 * from the session cookie ({@code /login}), HTTP Basic, an API token ({@code Authorization: Bearer}) or OIDC when
 * configured. Pages use {@code @RolesAllowed({Roles.VIEWER, Roles.ADMIN})} as the API does; an anonymous page request
 * is sent to {@code /login}, an anonymous API request gets 401.</li>
 * <li><b>CSRF</b>: every state-changing request of a browser session must carry the session's token, as the form
 * field {@code _csrf} or the header {@code X-CSRF-Token}; {@link io.postureaudit.web.security.CsrfFilter} refuses it
 * with 403 otherwise. In a Qute form write {@code {#csrf /}} (templates/tags/csrf.html), which renders the hidden
 * field; the form's resource method must take form parameters ({@code @RestForm} or {@code @FormParam}) so that the
 * body is read before the check. Basic and Bearer callers are not asked for it: nothing ambient signs them in.</li>
 * <li><b>Cross-site</b>: {@link io.postureaudit.web.security.WebFilters} refuses any POST/PUT/PATCH/DELETE whose
 * {@code Origin} is another site or whose {@code Sec-Fetch-Site} says cross-site or same-site with 403, before
 * authentication, and sets the security headers (CSP without inline script or style, frame-ancestors 'none',
 * nosniff, Referrer-Policy, HSTS on HTTPS) on every response. Only {@code /slack/interactivity}, which Slack signs,
 * is exempt from both checks.</li>
 * </ul>
 */
package io.postureaudit.web.security;
