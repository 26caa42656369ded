package io.postureaudit.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One channel's digest as stored in the outbox (rendered at delivery): open findings counted by account and
 * severity, what opened and resolved since the last digest, suppressions ending within 7 days.
 *
 * @param counts  account label → severity → open findings routed to this channel
 * @param changes state changes since the last digest other than openings and resolutions
 */
public record Digest(String channel, Instant at, Map<String, Map<String, Integer>> counts, List<Line> opened,
        List<Line> resolved, List<Line> expiring, int changes) {

    /** One finding in a list. */
    public record Line(long findingId, String severity, String account, String text, Instant when) {
    }

    boolean empty() {
        return opened.isEmpty() && resolved.isEmpty() && expiring.isEmpty() && changes == 0;
    }
}
