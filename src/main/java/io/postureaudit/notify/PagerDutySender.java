package io.postureaudit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.config.PostureConfig;
import io.postureaudit.findings.FindingEvent;
import io.postureaudit.findings.FindingSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pages on-call through PagerDuty's Events API v2: {@code trigger} for critical findings (dedup key = the
 * finding's fingerprint, so repeats and retries fold into one incident), {@code resolve} when the finding
 * resolves or is suppressed. The routing key is sent only to PagerDuty and never stored or logged.
 */
@ApplicationScoped
public class PagerDutySender {

    private final PostureConfig config;
    private final ObjectMapper json;
    private final OutboxStore store;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PagerDutySender(PostureConfig config, ObjectMapper json, OutboxStore store) {
        this.config = config;
        this.json = json;
        this.store = store;
    }

    /** Whether an event is worth a PagerDuty event: critical hits trigger; resolutions of paged findings resolve. */
    static boolean wants(FindingEvent event, boolean configured, boolean alreadyPaged) {
        if (!configured) {
            return false;
        }
        boolean critical = "critical".equals(event.finding().severity());
        if (event instanceof FindingEvent.Opened || event instanceof FindingEvent.Reopened
                || event instanceof FindingEvent.Drift || event instanceof FindingEvent.Expired
                || event instanceof FindingEvent.Unsuppressed) {
            return critical;
        }
        if (event instanceof FindingEvent.Regraded r) {
            return "critical".equals(r.toSeverity()) && "open".equals(event.finding().status()) || alreadyPaged;
        }
        return alreadyPaged && (event instanceof FindingEvent.Resolved || event instanceof FindingEvent.Suppressed);
    }

    /** The Events API v2 body for an event. */
    Map<String, Object> body(FindingEvent event, String routingKey) {
        FindingSnapshot f = event.finding();
        boolean resolve = event instanceof FindingEvent.Resolved || event instanceof FindingEvent.Suppressed
                || event instanceof FindingEvent.Regraded r && !"critical".equals(r.toSeverity());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", resolve ? "resolve" : "trigger");
        body.put("dedup_key", f.fingerprint());
        if (!resolve) {
            Map<String, Object> payload = new LinkedHashMap<>();
            String summary = "[" + f.accountName() + "] " + f.message();
            payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
            payload.put("source", f.accountId() + "/" + f.region());
            payload.put("severity", "critical");
            payload.put("component", f.resourceArn());
            payload.put("group", f.accountName());
            payload.put("class", f.ruleId());
            payload.put("custom_details", Map.of("findingId", f.id(), "title", f.title(), "resourceType",
                    f.resourceType(), "event", event.type()));
            body.put("payload", payload);
            String url = AlertMessages.link(config.publicUrl(), f.id());
            body.put("links", List.of(Map.of("href", url, "text", "Finding " + f.id() + " in Posture Audit")));
            body.put("client", "Posture Audit");
            body.put("client_url", url);
        }
        return body;
    }

    /** @return true when PagerDuty accepted the event */
    boolean deliver(OutboxMessage message) {
        var key = config.pagerduty().routingKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            store.close(message.id, OutboxMessage.DISABLED,
                    "PagerDuty delivery is off: posture.pagerduty.routing-key is not set");
            return false;
        }
        FindingEvent event = EventRecorder.read(json, message.payload);
        String body;
        try {
            body = json.writeValueAsString(body(event, key.get()));
        } catch (JsonProcessingException e) {
            throw new OutboxDelivery.DeliveryException("PagerDuty event could not be written: "
                    + e.getOriginalMessage(), false, null, false);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.pagerduty().apiUrl()))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OutboxDelivery.DeliveryException("PagerDuty could not be reached at "
                    + config.pagerduty().apiUrl() + ": " + e.getMessage(), true, null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxDelivery.DeliveryException("PagerDuty delivery interrupted", true, null, true);
        }
        int code = response.statusCode();
        if (code == 202 || code == 200) {
            store.delivered(message.id, null, event.finding().fingerprint());
            return true;
        }
        Duration wait = response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        String answer = response.body() == null ? "" : response.body();
        throw new OutboxDelivery.DeliveryException("PagerDuty answered HTTP " + code + ": "
                + (answer.length() > 300 ? answer.substring(0, 300) + "…" : answer), code == 429 || code >= 500,
                wait, false);
    }
}
