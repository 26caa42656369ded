package io.postureaudit.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Read side of the outbox for operators: messages by status, newest first, without their payloads. */
@ApplicationScoped
public class OutboxQueries {

    private static final Set<String> STATUSES = Set.of(OutboxMessage.PENDING, OutboxMessage.DELIVERED,
            OutboxMessage.FAILED, OutboxMessage.DISABLED);
    private final OutboxStore store;

    public OutboxQueries(OutboxStore store) {
        this.store = store;
    }

    /** One message as operators see it. */
    public record OutboxView(long id, String kind, String sink, String channel, Long findingId, String eventType,
            String status, int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
            String lastError) {

        static OutboxView of(OutboxMessage m) {
            return new OutboxView(m.id, m.kind, m.sink, m.channel != null ? m.channel : m.channelKey, m.findingId,
                    m.eventType, m.status, m.attempts, m.nextAttemptAt, m.createdAt, m.deliveredAt, m.lastError);
        }
    }

    /**
     * @throws IllegalArgumentException for a status outside pending, delivered, failed, disabled
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxView> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: expected one of pending, delivered, failed, disabled; found '"
                    + status + "'");
        }
        List<OutboxMessage> found = status == null
                ? OutboxMessage.<OutboxMessage>find("order by id desc").page(0, limit).list()
                : OutboxMessage.<OutboxMessage>find("status = ?1 order by id desc", status).page(0, limit).list();
        return found.stream().map(OutboxView::of).toList();
    }

    /** Puts a dead letter back in line. */
    public OutboxView retry(long id) {
        return OutboxView.of(store.retry(id));
    }
}
