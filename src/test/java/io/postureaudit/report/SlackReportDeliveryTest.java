package io.postureaudit.report;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.notify.OutboxDelivery;
import io.postureaudit.notify.OutboxMessage;
import io.postureaudit.support.Api;
import io.postureaudit.support.SlackStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A report goes to Slack as one message with its PDF, through the outbox and Slack's current upload flow
 * (files.getUploadURLExternal, the bytes, files.completeUploadExternal; never files.upload), retried when Slack
 * fails, and posted once.
 */
@QuarkusTest
@TestProfile(ReportTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class SlackReportDeliveryTest {

    @Inject
    OutboxDelivery delivery;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldUploadThePdfWithASummaryOnceAndRetryWhenSlackFails() throws Exception {
        StudyReportTest.seed(dataSource);
        long id = StudyReportTest.generate(SeededHistory.FROM, SeededHistory.TO, "en");
        byte[] pdf = Api.viewer().get("/api/reports/" + id + "/report.pdf").then().statusCode(200).extract()
                .asByteArray();
        SlackStub slack = TestEnvironment.slack();
        slack.clear();
        long outbox = Api.admin().post("/api/reports/" + id + "/slack").then().statusCode(202).extract().jsonPath()
                .getLong("outboxId");
        Api.admin().post("/api/reports/" + id + "/slack").then().statusCode(409)
                .body("error", containsString("one post per report"));

        slack.failNext("files.completeUploadExternal", "internal_error");
        delivery.deliverPending();
        OutboxMessage failed = load(outbox);
        assertEquals(OutboxMessage.PENDING, failed.status, "a failed upload is retried later");
        assertEquals(1, failed.attempts);
        assertTrue(failed.lastError.contains("files.completeUploadExternal") && failed.lastError.contains("internal_error"),
                failed.lastError);

        makeDue(outbox);
        delivery.deliverPending();
        assertEquals(OutboxMessage.DELIVERED, load(outbox).status);
        delivery.deliverPending();

        List<SlackStub.Call> calls = slack.calls();
        assertEquals(List.of("files.getUploadURLExternal", "upload", "files.completeUploadExternal",
                "files.getUploadURLExternal", "upload", "files.completeUploadExternal"),
                calls.stream().map(SlackStub.Call::method).toList(), "the upload flow, twice; no files.upload");
        SlackStub.Call ask = calls.get(3);
        assertEquals("posture-report-2026-03-02_2026-03-15-en.pdf", ask.fields().get("filename"));
        assertEquals(String.valueOf(pdf.length), ask.fields().get("length"));
        assertEquals("Bearer xoxb-test-token-not-a-secret", ask.authorization());
        String fileId = calls.get(4).fields().get("fileId");
        assertArrayEquals(pdf, slack.uploads().get(fileId), "the archived PDF is what was uploaded");
        Map<String, String> complete = calls.get(5).fields();
        assertEquals("C0REPORTS", complete.get("channel_id"));
        assertEquals("Security study report 2026-03-02 to 2026-03-15: posture prod 90.0 (+10.0), staging 80.0 "
                + "(-10.0); 3 new and 2 resolved findings; 1 critical and 2 high open.", complete.get("initial_comment"));
        assertTrue(complete.get("files").contains("\"" + fileId + "\"")
                && complete.get("files").contains("Security study session report 2026-03-02"), complete.get("files"));
        Api.admin().get("/api/reports/" + id).then().statusCode(200).body("posted", org.hamcrest.Matchers.is(true));
    }

    private static void makeDue(long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage message = OutboxMessage.findById(id);
            message.nextAttemptAt = Instant.now().minus(Duration.ofSeconds(1));
        });
    }

    private static OutboxMessage load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.findById(id));
    }
}
