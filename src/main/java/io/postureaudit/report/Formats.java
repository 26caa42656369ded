package io.postureaudit.report;

import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** How the report writes times, scores and changes, in the report's zone; shared by every format. */
@TemplateData
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final ZoneId zone;

    public Formats(ZoneId zone) {
        this.zone = zone;
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    public String date(Instant at) {
        return at == null ? "—" : at.atZone(zone).toLocalDate().toString();
    }

    public String score(BigDecimal score) {
        return score == null ? "—" : score.toPlainString();
    }

    public String change(BigDecimal change) {
        return change == null ? "—" : (change.signum() > 0 ? "+" : "") + change.toPlainString();
    }

    /** {@link #change(BigDecimal)} under its own name: in a template a null argument would pick the int overload. */
    public String decimalChange(BigDecimal change) {
        return change(change);
    }

    public String change(int change) {
        return (change > 0 ? "+" : "") + change;
    }

    public String number(Integer value) {
        return value == null ? "—" : value.toString();
    }

    public String join(List<String> values) {
        return values == null || values.isEmpty() ? "—" : String.join(", ", values);
    }
}
