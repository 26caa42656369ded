package io.postureaudit.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one fixed set of severities, written lowercase everywhere (API, YAML, Slack). */
public enum Severity {
    CRITICAL(10),
    HIGH(5),
    MEDIUM(2),
    LOW(1),
    INFO(0);

    private final int weight;

    Severity(int weight) {
        this.weight = weight;
    }

    /** Weight in posture scores: one critical finding counts as two highs. */
    public int weight() {
        return weight;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String value) {
        for (Severity s : values()) {
            if (s.id().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(Severity::id)
                .collect(Collectors.joining(", ")) + "; found '" + value + "'");
    }

    @Override
    public String toString() {
        return id();
    }
}
