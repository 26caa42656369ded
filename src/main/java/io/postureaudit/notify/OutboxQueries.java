package io.postureaudit.notify;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read side of the outbox for operators: messages by status, newest first, without their payloads, and how many
 * there are of each status (counted up to {@value #COUNT_CAP}, so the page stays cheap on a large outbox).
 */
@ApplicationScoped
public class OutboxQueries {

    /** The statuses in the order operators read them: what needs a person first. */
    public static final List<String> STATUSES = List.of(OutboxMessage.FAILED, OutboxMessage.PENDING,
            OutboxMessage.DELIVERED, OutboxMessage.DISABLED);
    public static final int COUNT_CAP = 10_000;
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
     * @throws NotifyInputException for a status outside pending, delivered, failed, disabled
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxView> list(String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new NotifyInputException("status: expected one of pending, delivered, failed, disabled; found '"
                    + status + "'");
        }
        if (limit < 1 || limit > 1000) {
            throw new NotifyInputException("limit: expected 1 to 1000, found " + limit);
        }
        List<OutboxMessage> found = status == null
                ? OutboxMessage.<OutboxMessage>find("order by id desc").page(0, limit).list()
                : OutboxMessage.<OutboxMessage>find("status = ?1 order by id desc", status).page(0, limit).list();
        return found.stream().map(OutboxView::of).toList();
    }

    /** Messages per status, each counted up to {@link #COUNT_CAP} ({@link #COUNT_CAP} + 1 means "more"). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : STATUSES) {
            Number n = (Number) Panache.getEntityManager().createNativeQuery("select count(*) from (select 1 from "
                    + "outbox_message where status = ?1 limit ?2) capped").setParameter(1, status)
                    .setParameter(2, COUNT_CAP + 1).getSingleResult();
            counts.put(status, n.longValue());
        }
        return counts;
    }

    /** Puts a dead letter back in line. */
    public OutboxView retry(long id) {
        return OutboxView.of(store.retry(id));
    }
}
