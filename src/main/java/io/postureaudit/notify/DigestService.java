package io.postureaudit.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.findings.Finding;
import io.postureaudit.findings.FindingEvent;
import io.postureaudit.findings.FindingSnapshot;
import io.postureaudit.inventory.AccountNames;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Builds each channel's daily digest from what waited for it, as one outbox message per channel in the same
 * transaction that marks the items as taken (items locked with {@code SKIP LOCKED}, so two replicas never build
 * the same digest). Runs at {@code posture.slack.digest-cron} in {@code posture.slack.zone}.
 */
@ApplicationScoped
public class DigestService {

    private static final Logger LOG = Logger.getLogger(DigestService.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Duration EXPIRING = Duration.ofDays(7);
    private final SlackRouting routing;
    private final ObjectMapper json;
    private final Clock clock;

    public DigestService(SlackRouting routing, ObjectMapper json, Clock clock) {
        this.routing = routing;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(identity = "slack-digest", cron = "{posture.slack.digest-cron}", timeZone = "{posture.slack.zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int queued = queueDigests().size();
        LOG.infof("Queued %d Slack digest(s)", queued);
    }

    /** Queues the digest of every channel that has something to tell; returns the outbox ids. */
    @Transactional
    public List<Long> queueDigests() {
        Instant now = clock.instant();
        Map<String, String> names = new HashMap<>();
        AccountNames.load(names);
        Set<String> samples = AccountNames.samples();
        List<Finding> live = Finding.list("status in ?1", List.of(Finding.OPEN, Finding.SUPPRESSED));
        List<Long> queued = new ArrayList<>();
        for (String channel : routing.digestChannels()) {
            Built built = build(channel, now, live, names, samples);
            if (built.digest().empty()) {
                continue;
            }
            Digest digest = built.digest();
            OutboxMessage message = OutboxMessage.pending(OutboxMessage.SLACK_DIGEST, "digest", null,
                    json.convertValue(digest, MAP), now);
            message.channel = channel;
            message.persist();
            if (!built.items().isEmpty()) {
                Panache.getEntityManager().createNativeQuery("update digest_item set digest_message_id = ?1 "
                        + "where id in (?2)").setParameter(1, message.id).setParameter(2, built.items())
                        .executeUpdate();
            }
            queued.add(message.id);
        }
        return queued;
    }

    /** A digest and the items it took. */
    private record Built(Digest digest, List<Long> items) {
    }

    @SuppressWarnings("unchecked")
    private Built build(String channel, Instant now, List<Finding> live, Map<String, String> names,
            Set<String> samples) {
        List<Object[]> items = Panache.getEntityManager().createNativeQuery("select id, cast(payload as text) "
                + "from digest_item where channel = ?1 and digest_message_id is null order by id for update "
                + "skip locked").setParameter(1, channel).getResultList();
        List<Digest.Line> opened = new ArrayList<>();
        List<Digest.Line> resolved = new ArrayList<>();
        int changes = 0;
        List<Long> taken = new ArrayList<>();
        for (Object[] row : items) {
            taken.add(((Number) row[0]).longValue());
            FindingEvent event = read((String) row[1]);
            FindingSnapshot f = event.finding();
            Digest.Line line = new Digest.Line(f.id(), f.severity(), f.accountName(), f.message(), event.at());
            if (event instanceof FindingEvent.Opened || event instanceof FindingEvent.Reopened
                    || event instanceof FindingEvent.Drift) {
                opened.add(line);
            } else if (event instanceof FindingEvent.Resolved) {
                resolved.add(line);
            } else {
                changes++;
            }
        }
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        List<Digest.Line> expiring = new ArrayList<>();
        for (Finding finding : live) {
            FindingSnapshot f = FindingSnapshot.of(finding, names.get(finding.accountId),
                    samples.contains(finding.accountId));
            boolean here = routing.destinations(f).stream().anyMatch(d -> routing.digestChannel(d.channel())
                    .equals(channel));
            if (!here) {
                continue;
            }
            if (Finding.OPEN.equals(finding.status)) {
                counts.computeIfAbsent(f.accountName(), k -> new TreeMap<>()).merge(f.severity(), 1, Integer::sum);
            } else if (finding.suppressExpiresAt != null && finding.suppressExpiresAt.isBefore(now.plus(EXPIRING))) {
                expiring.add(new Digest.Line(f.id(), f.severity(), f.accountName(), f.message(),
                        finding.suppressExpiresAt));
            }
        }
        return new Built(new Digest(channel, now, counts, opened, resolved, expiring, changes), taken);
    }

    private FindingEvent read(String payload) {
        try {
            return json.readValue(payload, FindingEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a digest item holds an event that does not read back: "
                    + e.getOriginalMessage(), e);
        }
    }
}
