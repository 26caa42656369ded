package io.postureaudit.notify;

import io.postureaudit.config.PostureConfig;
import io.postureaudit.findings.FindingDetails;
import io.postureaudit.findings.FindingEvent;
import io.postureaudit.findings.FindingSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where a finding goes ({@code posture.slack.routes}) and whether it is worth an immediate alert: new or
 * reopened high/critical findings, GuardDuty findings of severity 7 and up, drift on privileged principals or
 * critical drift. Everything else, and non-critical alerts in a channel's quiet hours, waits for the digest.
 */
@ApplicationScoped
public class SlackRouting {

    private final PostureConfig.Slack config;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, QuietHours> quiet = new java.util.HashMap<>();

    public SlackRouting(PostureConfig config, Clock clock) {
        this.config = config.slack();
        this.clock = clock;
        try {
            this.zone = ZoneId.of(this.config.zone());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("posture.slack.zone: expected a zone id such as Asia/Tokyo, found '"
                    + this.config.zone() + "'");
        }
        this.config.quietHours().forEach((channel, range) -> quiet.put(channel,
                QuietHours.parse("posture.slack.quiet-hours.\"" + channel + "\"", range)));
    }

    /** One destination of a finding. */
    public record Destination(String channel, boolean digestOnly) {
    }

    /** The channels a finding goes to; the alerts channel when no route matches (empty when none is set). */
    public List<Destination> destinations(FindingSnapshot f) {
        List<Destination> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PostureConfig.Slack.Route route : config.routes().orElse(List.of())) {
            if (matches(route.severities(), f.severity()) && matches(route.services(), f.service())
                    && matches(route.rules(), f.ruleId()) && matches(route.accounts(), f.accountId())
                    && matches(route.environments(), f.accountName()) && seen.add(route.channel())) {
                out.add(new Destination(route.channel(), route.digestOnly()));
            }
        }
        if (out.isEmpty()) {
            config.channels().alerts().ifPresent(c -> out.add(new Destination(c, false)));
        }
        return out;
    }

    /** The channel of the digest for findings routed to {@code channel}: the channel itself, except the default. */
    public String digestChannel(String channel) {
        boolean routed = config.routes().orElse(List.of()).stream().anyMatch(r -> r.channel().equals(channel));
        return routed ? channel : config.channels().digest().orElse(channel);
    }

    /** Every channel a digest may go to. */
    public Set<String> digestChannels() {
        Set<String> all = new LinkedHashSet<>();
        config.routes().orElse(List.of()).forEach(r -> all.add(r.channel()));
        config.channels().alerts().ifPresent(c -> all.add(digestChannel(c)));
        config.channels().digest().ifPresent(all::add);
        return all;
    }

    /** Worth an immediate alert, before quiet hours and digest-only routes are considered. */
    public static boolean urgent(FindingEvent event) {
        FindingSnapshot f = event.finding();
        boolean severe = f.severity().equals("critical") || f.severity().equals("high");
        if (event instanceof FindingEvent.Drift d) {
            return d.privileged() || f.severity().equals("critical");
        }
        FindingDetails details = event instanceof FindingEvent.Opened o ? o.details()
                : event instanceof FindingEvent.Reopened r ? r.details() : null;
        if (details == null) {
            return false;
        }
        return severe || details.guardDutySeverity() != null && details.guardDutySeverity() >= 7.0;
    }

    /** Whether this event goes out now in {@code destination}, or waits for its digest. */
    public boolean immediate(FindingEvent event, Destination destination) {
        if (!urgent(event) || destination.digestOnly()) {
            return false;
        }
        QuietHours hours = quiet.get(destination.channel());
        return hours == null || event.finding().severity().equals("critical")
                || !hours.contains(clock.instant().atZone(zone).toLocalTime());
    }

    public ZoneId zone() {
        return zone;
    }

    private static boolean matches(Optional<List<String>> wanted, String value) {
        return wanted.map(list -> list.isEmpty() || value != null && list.stream()
                .anyMatch(w -> w.strip().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))))
                .orElse(true);
    }

    /** A daily window such as 22:00-07:00 (may wrap midnight). */
    record QuietHours(LocalTime from, LocalTime to) {

        static QuietHours parse(String key, String value) {
            String[] parts = value.split("-");
            try {
                if (parts.length == 2) {
                    return new QuietHours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
                }
            } catch (DateTimeParseException e) {
                // reported below with the key
            }
            throw new IllegalArgumentException(key + ": expected HH:MM-HH:MM such as 22:00-07:00, found '" + value
                    + "'");
        }

        boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }
}
