package io.postureaudit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.findings.FindingEvent;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Stores every {@link FindingEvent} in the outbox in the transaction that published it: an immediate alert, a
 * reply in the thread of the finding's earlier alert, or an item for the channel's digest; and a PagerDuty event
 * for critical findings when PagerDuty is configured.
 */
@ApplicationScoped
public class EventRecorder {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final SlackRouting routing;
    private final PostureConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public EventRecorder(SlackRouting routing, PostureConfig config, ObjectMapper json, Clock clock) {
        this.routing = routing;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    void on(@Observes FindingEvent event) {
        Map<String, Object> payload = toMap(event);
        Instant now = clock.instant();
        long findingId = event.finding().id();
        boolean hit = event instanceof FindingEvent.Opened || event instanceof FindingEvent.Reopened
                || event instanceof FindingEvent.Drift;
        for (SlackRouting.Destination destination : routing.destinations(event.finding())) {
            String channel = destination.channel();
            if (hasAlert(findingId, channel)) {
                outbox(OutboxMessage.SLACK_REPLY, channel, event, payload, now).persist();
            } else if (hit && routing.immediate(event, destination)) {
                OutboxMessage alert = outbox(OutboxMessage.SLACK_ALERT, channel, event, payload, now);
                alert.persist();
                statement("insert into slack_alert (finding_id, channel, message_id) values (?1, ?2, ?3)")
                        .setParameter(1, findingId).setParameter(2, channel).setParameter(3, alert.id)
                        .executeUpdate();
            } else {
                statement("insert into digest_item (channel, finding_id, event_type, payload, created_at) "
                        + "values (?1, ?2, ?3, cast(?4 as jsonb), ?5)")
                        .setParameter(1, routing.digestChannel(channel)).setParameter(2, findingId)
                        .setParameter(3, event.type()).setParameter(4, write(payload)).setParameter(5, now)
                        .executeUpdate();
            }
        }
        if (PagerDutySender.wants(event, config.pagerduty().routingKey().isPresent(), paged(findingId))) {
            OutboxMessage page = outbox(OutboxMessage.PAGERDUTY_EVENT, null, event, payload, now);
            page.sink = OutboxMessage.PAGERDUTY;
            page.channelKey = "pagerduty";
            page.persist();
        }
    }

    private static OutboxMessage outbox(String kind, String channel, FindingEvent event, Map<String, Object> payload,
            Instant now) {
        OutboxMessage m = OutboxMessage.pending(kind, "alerts", event.finding().id(), payload, now);
        m.channel = channel;
        m.eventType = event.type();
        return m;
    }

    private static boolean hasAlert(long findingId, String channel) {
        return !statement("select 1 from slack_alert where finding_id = ?1 and channel = ?2")
                .setParameter(1, findingId).setParameter(2, channel).getResultList().isEmpty();
    }

    /** Whether PagerDuty was already asked to page for this finding (so a resolution is worth sending). */
    private static boolean paged(long findingId) {
        return !statement("select 1 from outbox_message where finding_id = ?1 and sink = 'pagerduty' "
                + "and event_type in ('opened', 'reopened', 'drift', 'regraded')")
                .setParameter(1, findingId).getResultList().isEmpty();
    }

    /**
     * A statement that does not flush the persistence context first. What these statements read was written by native
     * statements or by inserts of entities with database-generated ids, which are in the database at once; a flush
     * would only dirty-check every entity the transaction holds, and a scan's reconcile holds every finding of the
     * account while it publishes one event per new finding: a flush per event made storing a large account quadratic
     * (past the 60 s transaction timeout for a first scan of ~12,000 resources).
     */
    static Query statement(String sql) {
        return Panache.getEntityManager().createNativeQuery(sql).setFlushMode(FlushModeType.COMMIT);
    }

    Map<String, Object> toMap(FindingEvent event) {
        try {
            return json.readValue(json.writerFor(FindingEvent.class).writeValueAsString(event), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " of finding " + event.finding().id()
                    + " could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("digest item could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an event back from its stored form. */
    static FindingEvent read(ObjectMapper json, Map<String, Object> payload) {
        return json.convertValue(payload, FindingEvent.class);
    }
}
