package io.postureaudit.findings;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Something that happened to a finding, published by {@code findings} inside the transaction that made it happen,
 * so that sinks ({@code notify}: Slack, PagerDuty; reports) record it atomically with the change. The JSON form
 * carries its kind in {@code "type"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = FindingEvent.Opened.class, name = "opened"),
        @JsonSubTypes.Type(value = FindingEvent.Reopened.class, name = "reopened"),
        @JsonSubTypes.Type(value = FindingEvent.Resolved.class, name = "resolved"),
        @JsonSubTypes.Type(value = FindingEvent.Suppressed.class, name = "suppressed"),
        @JsonSubTypes.Type(value = FindingEvent.Unsuppressed.class, name = "unsuppressed"),
        @JsonSubTypes.Type(value = FindingEvent.Expired.class, name = "expired"),
        @JsonSubTypes.Type(value = FindingEvent.Regraded.class, name = "regraded"),
        @JsonSubTypes.Type(value = FindingEvent.Drift.class, name = "drift")})
public sealed interface FindingEvent {

    FindingSnapshot finding();

    /** Who or what caused it: {@code scan}, {@code rules}, a user name, or {@code slack:U…}. */
    String actor();

    Instant at();

    /** The lowercase name of the kind, as in the JSON {@code type}. */
    default String type() {
        for (JsonSubTypes.Type t : FindingEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            if (t.value() == getClass()) {
                return t.name();
            }
        }
        throw new IllegalStateException("event class " + getClass().getName() + " is not listed in @JsonSubTypes");
    }

    /** A rule hit a resource for the first time. */
    record Opened(FindingSnapshot finding, FindingDetails details, String actor, Instant at) implements FindingEvent {
    }

    /** A resolved finding was seen again. */
    record Reopened(FindingSnapshot finding, FindingDetails details, String actor, Instant at)
            implements FindingEvent {
    }

    /** A complete scan no longer saw it. */
    record Resolved(FindingSnapshot finding, String reason, String actor, Instant at) implements FindingEvent {
    }

    /** A person accepted it for a while (or for good when {@code expiresAt} is null). */
    record Suppressed(FindingSnapshot finding, String justification, Instant expiresAt, String actor, Instant at)
            implements FindingEvent {
    }

    /** A person lifted its suppression. */
    record Unsuppressed(FindingSnapshot finding, String actor, Instant at) implements FindingEvent {
    }

    /** Its suppression ran out; it is open again. */
    record Expired(FindingSnapshot finding, Instant suppressionEnded, String actor, Instant at)
            implements FindingEvent {
    }

    /** Its severity changed (rule edited, override set). */
    record Regraded(FindingSnapshot finding, String fromSeverity, String toSeverity, String actor, Instant at)
            implements FindingEvent {
    }

    /**
     * A drift rule ({@code drift_…}) opened or reopened a finding: configuration changed against the baseline.
     *
     * @param privileged the changed resource is a principal whose access includes admin or privilege escalation
     */
    record Drift(FindingSnapshot finding, FindingDetails details, boolean privileged, String actor, Instant at)
            implements FindingEvent {
    }
}
