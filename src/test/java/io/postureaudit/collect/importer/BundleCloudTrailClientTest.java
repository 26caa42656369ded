package io.postureaudit.collect.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.collect.OfflineCallException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/** LookupEvents answered from what the AWS CLI printed, as CloudTrail answers it. */
class BundleCloudTrailClientTest {

    static final ObjectMapper JSON = new ObjectMapper();
    // Two outputs (two runs of the CLI); times as CLI v2 (ISO-8601, any offset) and v1 (epoch seconds) print them.
    static final String BUNDLE = """
            {"cloudtrail:LookupEvents@us-east-1": [
              {"Events": [
                {"EventId": "e3", "EventName": "AttachRolePolicy", "ReadOnly": "false",
                 "EventTime": "2026-11-30T19:00:00+09:00", "EventSource": "iam.amazonaws.com", "Username": "aiko",
                 "Resources": [{"ResourceType": "AWS::IAM::Role", "ResourceName": "ops"}], "CloudTrailEvent": "{}"},
                {"EventId": "e1", "EventName": "UpdateAssumeRolePolicy", "ReadOnly": "false",
                 "EventTime": "2026-11-29T10:00:00+00:00", "EventSource": "iam.amazonaws.com", "Username": "ci",
                 "Resources": [{"ResourceType": "AWS::IAM::Role", "ResourceName": "deploy"}], "CloudTrailEvent": "{}"}
              ]},
              {"Events": [
                {"EventId": "e2", "EventName": "UpdateAssumeRolePolicy", "ReadOnly": "false",
                 "EventTime": 1796014800, "EventSource": "iam.amazonaws.com", "Username": "ci",
                 "Resources": [{"ResourceType": "AWS::IAM::Role", "ResourceName": "deploy"}], "CloudTrailEvent": "{}"}
              ]}
            ],
            "kms:ListKeys@ap-northeast-1": {"Keys": []}}""";

    static BundleClients clients() throws Exception {
        return new BundleClients(new Bundle(JSON.readTree(BUNDLE)));
    }

    static List<String> ids(LookupEventsResponse page) {
        return page.events().stream().map(Event::eventId).toList();
    }

    @Test
    void shouldAnswerByResourceNameAndWindowNewestFirstInPages() throws Exception {
        var trail = clients().cloudTrail("us-east-1");
        var first = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("ResourceName")
                .attributeValue("deploy")).maxResults(1));
        assertEquals(List.of("e2"), ids(first), "2026-11-30T05:00Z is the newest event on deploy");
        var second = trail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("ResourceName")
                .attributeValue("deploy")).maxResults(1).nextToken(first.nextToken()));
        assertEquals(List.of("e1"), ids(second));
        assertNull(second.nextToken());
        var window = trail.lookupEvents(r -> r.startTime(Instant.parse("2026-11-30T06:00:00Z"))
                .endTime(Instant.parse("2026-11-30T12:00:00Z")));
        assertEquals(List.of("e3"), ids(window), "19:00+09:00 is 10:00Z");
        assertEquals(List.of("e3", "e2", "e1"), ids(trail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey("ReadOnly").attributeValue("false")))));
    }

    @Test
    void shouldBeNotInBundleWhenTheRegionHasNoCloudTrailKeyAndNotMakeItARegion() throws Exception {
        BundleClients clients = clients();
        OfflineCallException e = assertThrows(OfflineCallException.class, () -> clients.cloudTrail("ap-northeast-1")
                .lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("ResourceName").attributeValue("k"))));
        assertTrue(e.getMessage().startsWith("NotInBundle:") && e.getMessage().contains(
                "cloudtrail:LookupEvents@ap-northeast-1"), e.getMessage());
        assertEquals(java.util.Set.of("ap-northeast-1"), new Bundle(JSON.readTree(BUNDLE)).regions(),
                "us-east-1 holds only CloudTrail's events here: not a region read for collection");
        assertEquals(List.of(), new Bundle(JSON.readTree(BUNDLE)).unknownKeys(BundleClients.OPERATIONS,
                BundleClients.GLOBAL_SERVICES));
    }
}
