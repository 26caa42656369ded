package io.postureaudit.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A notification written in the same transaction as the change it announces, delivered later; so a crash
 * between the two loses nothing and a retry never tells twice.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DISABLED = "disabled";
    public static final String SLACK = "slack";
    public static final String PAGERDUTY = "pagerduty";
    /** Kinds written by the event recorder; other kinds are messages of other packages (reports, drift). */
    public static final String SLACK_ALERT = "slack-alert";
    public static final String SLACK_REPLY = "slack-reply";
    public static final String SLACK_DIGEST = "slack-digest";
    public static final String PAGERDUTY_EVENT = "pagerduty-event";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String kind;
    @Column(name = "channel_key")
    public String channelKey;
    @Column(name = "finding_id")
    public Long findingId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "last_error")
    public String lastError;
    public String sink;
    @Column(name = "event_type")
    public String eventType;
    /** The routed Slack channel; null means the one configured for {@link #channelKey}. */
    public String channel;
    @Column(name = "delivery_key")
    public String deliveryKey;
    @Column(name = "maybe_sent")
    public boolean maybeSent;
    @Column(name = "remote_channel")
    public String remoteChannel;
    @Column(name = "remote_ref")
    public String remoteRef;

    public static OutboxMessage pending(String kind, String channelKey, Long findingId, Map<String, Object> payload,
            Instant now) {
        OutboxMessage m = new OutboxMessage();
        m.kind = kind;
        m.channelKey = channelKey;
        m.findingId = findingId;
        m.payload = payload;
        m.status = PENDING;
        m.nextAttemptAt = now;
        m.createdAt = now;
        m.sink = SLACK;
        m.deliveryKey = "pa-" + UUID.randomUUID();
        return m;
    }
}
