package io.postureaudit.collect.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsClientFactory;
import io.postureaudit.collect.AwsClients;
import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Asks CloudTrail's event history who changed each resource: {@code LookupEvents} by resource name in the
 * resource's region (us-east-1 for IAM and other global services, where CloudTrail records them), within the
 * window between the two scans, pages followed; the latest mutating event wins. A region where CloudTrail cannot
 * be read is one gap, and its changes stay unattributed. Uses the account's own audit role, as the collectors do.
 */
@ApplicationScoped
public class CloudTrailAttributor {

    public static final String SERVICE = "cloudtrail";
    public static final String OPERATION = "LookupEvents";
    static final String GLOBAL_EVENTS_REGION = "us-east-1";
    /** Events per lookup read at most; LookupEvents allows 2 calls a second per account and region. */
    static final int MAX_PAGES = 10;
    private final AwsClientFactory clients;

    public CloudTrailAttributor(AwsClientFactory clients) {
        this.clients = clients;
    }

    /** The actors found, by request key (absent: nothing attributable), and the regions that could not be read. */
    public record Result(Map<String, Actor> actors, List<Gap> gaps) {
    }

    /** Asks the account's own CloudTrail, with the audit role as the collectors use it. */
    public Result attribute(AccountTarget account, long scanId, List<AttributionRequest> requests) {
        if (requests.isEmpty()) {
            return new Result(Map.of(), List.of());
        }
        try (AwsSession session = clients.session(account, "posture-audit-attribution-" + scanId)) {
            return attribute(session, account, requests);
        }
    }

    /** Asks {@code source}: a live session, or an offline import's bundle holding what CloudTrail printed. */
    public Result attribute(AwsClients source, AccountTarget account, List<AttributionRequest> requests) {
        Map<String, Actor> actors = new LinkedHashMap<>();
        List<Gap> gaps = new ArrayList<>();
        Map<String, Boolean> blind = new HashMap<>();
        for (AttributionRequest request : requests) {
            String region = eventsRegion(request.region());
            if (blind.containsKey(region) || request.lookupName() == null) {
                continue;
            }
            try {
                Actor actor = latestChange(source.cloudTrail(region), request);
                if (actor != null) {
                    actors.put(request.key(), actor);
                }
            } catch (SdkException e) {
                blind.put(region, true);
                gaps.add(new Gap(account.id(), region, SERVICE, OPERATION, AwsErrors.describe(e)
                        + " (changes in this region stay unattributed)"));
            }
        }
        return new Result(actors, gaps);
    }

    /** CloudTrail records IAM, STS and other global services' calls in us-east-1. */
    static String eventsRegion(String resourceRegion) {
        return resourceRegion == null || ResourceTypes.GLOBAL_REGION.equals(resourceRegion) ? GLOBAL_EVENTS_REGION
                : resourceRegion;
    }

    private static Actor latestChange(CloudTrailClient client, AttributionRequest request) {
        String token = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String next = token;
            LookupEventsResponse response = client.lookupEvents(r -> {
                r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.RESOURCE_NAME)
                        .attributeValue(request.lookupName()))
                        .startTime(request.from()).endTime(request.to()).maxResults(50);
                if (next != null) {
                    r.nextToken(next);
                }
            });
            // Pages come newest first: the latest mutating event of the first page that has one is the change
            // the later scan saw.
            Actor latest = null;
            for (Event event : response.events()) {
                JsonNode record = CloudTrailEvents.record(event);
                if (CloudTrailEvents.changes(event, record) && (latest == null || event.eventTime() != null
                        && event.eventTime().toString().compareTo(latest.time()) > 0)) {
                    latest = CloudTrailEvents.actor(event, record);
                }
            }
            if (latest != null) {
                return latest;
            }
            token = response.nextToken();
            if (token == null || token.isEmpty()) {
                return null;
            }
        }
        return null;
    }
}
