package io.postureaudit.web.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Chooses the page language, English or Japanese: the {@value #COOKIE} cookie set by the switch in the layout
 * wins, then the browser's {@code Accept-Language}, then English. The choice is written back as the request's
 * {@code Accept-Language}, which is what Qute's message bundles follow, so every page gets it without code.
 */
public class LanguageFilter {

    public static final String COOKIE = "posture-lang";
    public static final List<String> SUPPORTED = List.of("en", "ja");

    @ServerRequestFilter(preMatching = true)
    public void choose(ContainerRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.ACCEPT_LANGUAGE, choose(request.getCookies().get(COOKIE),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    static String choose(Cookie cookie, String acceptLanguage) {
        if (cookie != null && SUPPORTED.contains(cookie.getValue())) {
            return cookie.getValue();
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (SUPPORTED.contains(language) && range.getWeight() > 0) {
                        return language;
                    }
                }
            } catch (IllegalArgumentException e) {
                return "en";
            }
        }
        return "en";
    }
}
