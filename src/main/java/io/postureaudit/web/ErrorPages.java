package io.postureaudit.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;

/**
 * Error pages for people: 400 and 404 say what was wrong (our own message, escaped), 500 says only when it happened
 * (details are in the log, never on the page), 503 that the database is away. API and operations paths get JSON.
 */
@ApplicationScoped
public class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String kind, String message, String time,
                boolean skipDatabase);
    }

    /** Pages are everything outside the API, the operations endpoints and Slack's callback. */
    static boolean wantsHtml(UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (path.startsWith("/api") || path.startsWith("/q/") || path.startsWith("/slack/")) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE));
    }

    Response page(Response.StatusType status, String message, HttpHeaders headers) {
        String kind = switch (status.getStatusCode()) {
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 503 -> "unavailable";
            default -> status.getStatusCode() >= 500 ? "server" : "bad-request";
        };
        return render(status.getStatusCode(), kind, message, null, headers);
    }

    Response serverError(String time, HttpHeaders headers) {
        return render(500, "server", null, time, headers);
    }

    private static Response render(int status, String kind, String message, String time, HttpHeaders headers) {
        Locale locale = headers.getAcceptableLanguages().stream().findFirst().filter(l -> !l.getLanguage().equals("*"))
                .orElse(Locale.ENGLISH);
        String html = Templates.error(status, kind, message, time, true).setLocale(locale).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
