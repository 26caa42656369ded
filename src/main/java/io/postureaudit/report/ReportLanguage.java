package io.postureaudit.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.util.List;
import java.util.Locale;

/** The languages a report can be written in, and the fixed text of each. */
public final class ReportLanguage {

    public static final List<String> SUPPORTED = List.of("en", "ja");

    private ReportLanguage() {
    }

    /**
     * @throws ReportRequestException when the language is neither {@code en} nor {@code ja}
     */
    public static String check(String field, String language) {
        String value = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!SUPPORTED.contains(value)) {
            throw new ReportRequestException(field + ": expected one of " + String.join(", ", SUPPORTED) + ", found '"
                    + language + "'");
        }
        return value;
    }

    public static ReportText text(String language) {
        return "en".equals(language) ? MessageBundles.get(ReportText.class)
                : MessageBundles.get(ReportText.class, Localized.Literal.of(language));
    }

    public static Locale locale(String language) {
        return Locale.forLanguageTag(language);
    }
}
