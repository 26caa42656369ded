package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.OfflineCallException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * {@code cloudtrail:LookupEvents@region} outputs (what {@code aws cloudtrail lookup-events} printed, the CLI paging
 * on its own) as a {@link CloudTrailClient} that answers LookupEvents the way CloudTrail does: the events of the
 * region matching the one lookup attribute and the time window, newest first, in pages of {@code MaxResults}.
 */
final class BundleCloudTrailClient extends BundleClient implements CloudTrailClient {

    static final Set<String> OPERATIONS = Set.of("cloudtrail:LookupEvents");
    private static final String OPERATION = "LookupEvents";
    private static final String PAGE = "@events:";
    /** CloudTrail's default and largest page. */
    private static final int MAX_RESULTS = 50;
    private List<Event> events;

    BundleCloudTrailClient(Bundle bundle, String region) {
        super(bundle, Bundle.EVENTS_SERVICE, region, SERVICE_NAME);
    }

    @Override
    public LookupEventsResponse lookupEvents(LookupEventsRequest request) {
        if (!calls.has(OPERATION)) {
            throw calls.notInBundle(OPERATION, null);
        }
        if (request.lookupAttributes().size() > 1) {
            throw OfflineCallException.of("InvalidLookupAttributes: LookupEvents takes at most one lookup attribute, "
                    + "found " + request.lookupAttributes().size());
        }
        LookupAttribute attribute = request.lookupAttributes().isEmpty() ? null : request.lookupAttributes().get(0);
        List<Event> matching = new ArrayList<>();
        for (Event e : events()) {
            if (within(e.eventTime(), request.startTime(), request.endTime())
                    && (attribute == null || matches(e, attribute))) {
                matching.add(e);
            }
        }
        int from = 0;
        if (request.nextToken() != null) {
            if (!request.nextToken().startsWith(PAGE)) {
                throw OfflineCallException.of("NotInBundle: the import has no page of \"" + calls.call(OPERATION)
                        + "\" after the token " + request.nextToken());
            }
            from = Integer.parseInt(request.nextToken().substring(PAGE.length()));
        }
        int size = request.maxResults() == null ? MAX_RESULTS : Math.max(1, Math.min(MAX_RESULTS,
                request.maxResults()));
        int to = Math.min(matching.size(), from + size);
        LookupEventsResponse.Builder page = LookupEventsResponse.builder()
                .events(matching.subList(Math.min(from, to), to));
        if (to < matching.size()) {
            page.nextToken(PAGE + to);
        }
        return page.build();
    }

    /** Every event of the region's outputs, newest first (read once). */
    private synchronized List<Event> events() {
        if (events == null) {
            List<Event> all = new ArrayList<>();
            for (JsonNode output : calls.outputs(OPERATION)) {
                all.addAll(calls.read(OPERATION, output, LookupEventsResponse::builder).events());
            }
            all.sort(Comparator.comparing(Event::eventTime, Comparator.nullsLast(Comparator.reverseOrder())));
            events = List.copyOf(all);
        }
        return events;
    }

    private static boolean within(Instant time, Instant start, Instant end) {
        return time != null && (start == null || !time.isBefore(start)) && (end == null || !time.isAfter(end));
    }

    private static boolean matches(Event e, LookupAttribute attribute) {
        String value = attribute.attributeValue();
        return switch (attribute.attributeKeyAsString()) {
            case "ResourceName" -> e.resources().stream().map(Resource::resourceName).anyMatch(value::equals);
            case "ResourceType" -> e.resources().stream().map(Resource::resourceType).anyMatch(value::equals);
            case "EventName" -> value.equals(e.eventName());
            case "EventId" -> value.equals(e.eventId());
            case "EventSource" -> value.equals(e.eventSource());
            case "Username" -> value.equals(e.username());
            case "ReadOnly" -> value.equalsIgnoreCase(e.readOnly());
            case "AccessKeyId" -> value.equals(e.accessKeyId());
            default -> throw OfflineCallException.of("InvalidLookupAttributes: LookupEvents has no lookup attribute "
                    + attribute.attributeKeyAsString());
        };
    }
}
