package io.postureaudit.notify;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.findings.FindingService;
import io.postureaudit.rules.Severity;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The daily digest per channel, sent now through {@code POST /api/digests}: counts by account and severity, the
 * new findings that were not worth an alert, what resolved, suppressions ending within 7 days; then nothing again
 * until something new waits.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class DigestTest {

    @Inject
    FindingService findings;

    @Inject
    OutboxDelivery delivery;

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("blocks are not JSON: " + json, e);
        }
    }

    @Test
    void shouldSendChannelDigestWhenAdminAsksAndNotRepeatItems() {
        FindingScenario medium = new FindingScenario(findings, "666666666666", "digesting", Severity.MEDIUM,
                "kms.key", "<!channel>-key", Map.of());
        long mediumId = medium.hit();
        FindingScenario low = new FindingScenario(findings, "666666666666", "digesting", Severity.LOW, "iam.user",
                "gone", Map.of());
        low.hit();
        low.fixed();
        FindingScenario accepted = new FindingScenario(findings, "666666666666", "digesting", Severity.LOW,
                "iam.role", "accepted", Map.of());
        long acceptedId = accepted.hit();
        findings.suppress(acceptedId, "temporary", Instant.now().plusSeconds(3 * 86400), "admin");
        delivery.deliverPending();
        TestEnvironment.slack().clear();

        viewer().post("/api/digests").then().statusCode(403);
        admin().post("/api/digests").then().statusCode(200);
        List<SlackStub.Call> digests = TestEnvironment.slack().posts().stream()
                .filter(p -> p.fields().get("text").startsWith("Posture Audit digest")).toList();
        SlackStub.Call digest = digests.stream().filter(p -> p.fields().get("channel").equals("#sec-alerts"))
                .findFirst().orElseThrow(() -> new AssertionError("no digest for #sec-alerts in " + digests));
        String blocks = String.join("\n", SlackWorkflowTest.texts(read(digest.fields().get("blocks"))));
        assertTrue(blocks.contains("Daily digest"), blocks);
        assertTrue(blocks.contains("digesting: 1 medium"), "open counts by account and severity: " + blocks);
        assertTrue(blocks.contains("*New* ("), blocks);
        assertTrue(blocks.contains(TestEnvironment.PUBLIC_URL + "/findings/" + mediumId), blocks);
        assertTrue(blocks.contains("&lt;!channel&gt;-key") && !blocks.contains("<!channel>"), "escaped: " + blocks);
        assertTrue(blocks.contains("*Resolved* (1)"), blocks);
        assertTrue(blocks.contains("Suppressions ending within 7 days") && blocks.contains("/findings/" + acceptedId),
                blocks);

        TestEnvironment.slack().clear();
        admin().post("/api/digests").then().statusCode(200);
        assertEquals(0, TestEnvironment.slack().posts().stream().filter(p -> p.fields().get("channel")
                .equals("#sec-alerts") && p.fields().get("blocks").contains("*New*")).count(),
                "items already sent are not sent again");
    }
}
