package io.postureaudit.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show values: times to the minute in UTC, which is what a person scanning a table needs. */
@TemplateExtension
public final class TemplateFormats {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TemplateFormats() {
    }

    /** For a value inside a URL's query: {@code <a href="/x?arn={arn.urlEncode}">}. */
    static String urlEncode(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String display(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }
}
