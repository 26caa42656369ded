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
        long id = report();
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
        assertEquals(List.of("files.getUploadURLExternal", "upload", "files.completeUploadExternal", "files.info",
                "files.getUploadURLExternal", "upload", "files.completeUploadExternal"),
                calls.stream().map(SlackStub.Call::method).toList(),
                "the upload flow, twice, after asking whether the first file reached the channel; no files.upload");
        assertEquals(calls.get(1).fields().get("fileId"), calls.get(3).fields().get("file"));
        SlackStub.Call ask = calls.get(4);
        assertEquals("posture-report-2026-03-02_2026-03-15-en.pdf", ask.fields().get("filename"));
        assertEquals(String.valueOf(pdf.length), ask.fields().get("length"));
        assertEquals("Bearer xoxb-test-token-not-a-secret", ask.authorization());
        String fileId = calls.get(5).fields().get("fileId");
        assertArrayEquals(pdf, slack.uploads().get(fileId), "the archived PDF is what was uploaded");
        Map<String, String> complete = calls.get(6).fields();
        assertEquals("C0REPORTS", complete.get("channel_id"));
        assertEquals("Security study report 2026-03-02 to 2026-03-15: posture prod 90.0 (+10.0), staging 80.0 "
                + "(-10.0); 3 new and 2 resolved findings; 1 critical and 2 high open.", complete.get("initial_comment"));
        assertTrue(complete.get("files").contains("\"" + fileId + "\"")
                && complete.get("files").contains("Security study session report 2026-03-02"), complete.get("files"));
        Api.admin().get("/api/reports/" + id).then().statusCode(200).body("posted", org.hamcrest.Matchers.is(true));
        assertEquals(Map.of(fileId, "C0REPORTS"), slack.shared(), "one file shared, to the reports channel");
    }

    @Test
    void shouldNotPostTheReportAgainWhenProcessDiedAfterCompletingTheUpload() throws Exception {
        long id = report();
        SlackStub slack = TestEnvironment.slack();
        slack.clear();
        long outbox = QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = OutboxMessage.pending(SlackReportPost.KIND, "reports", null,
                    Map.of("reportId", id, "text", "crash report"), Instant.now());
            m.persist();
            return m.id;
        });
        delivery.deliverPending();
        OutboxMessage first = load(outbox);
        assertEquals(OutboxMessage.DELIVERED, first.status);
        // What a process killed after files.completeUploadExternal answered, before the outcome was committed,
        // leaves behind: the file id kept before completing, the row pending again once its lease ran out.
        try (var c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("update outbox_message set status = 'pending', delivered_at = null, "
                    + "attempts = 0, maybe_sent = true, next_attempt_at = now() - interval '1 second' where id = "
                    + outbox);
        }
        delivery.deliverPending();

        OutboxMessage recovered = load(outbox);
        assertEquals(OutboxMessage.DELIVERED, recovered.status);
        assertEquals(first.remoteRef, recovered.remoteRef, "recorded with the file that reached the channel");
        assertEquals(List.of("files.getUploadURLExternal", "upload", "files.completeUploadExternal", "files.info"),
                slack.calls().stream().map(SlackStub.Call::method).toList(), "looked up, not uploaded again");
        assertEquals(1, slack.shared().size(), "the report is in the channel once");

        // Died before completing: Slack discarded the unfinished upload, so the upload starts afresh, once.
        try (var c = dataSource.getConnection()) {
            c.createStatement().executeUpdate("update outbox_message set status = 'pending', delivered_at = null, "
                    + "attempts = 0, maybe_sent = true, remote_ref = 'F0UNFINISHED', "
                    + "next_attempt_at = now() - interval '1 second' where id = " + outbox);
        }
        int before = slack.calls().size();
        delivery.deliverPending();
        List<SlackStub.Call> again = slack.calls().subList(before, slack.calls().size());
        assertEquals(List.of("files.info", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"),
                again.stream().map(SlackStub.Call::method).toList());
        assertEquals("F0UNFINISHED", again.get(0).fields().get("file"));
        assertEquals(OutboxMessage.DELIVERED, load(outbox).status);
        assertEquals(2, slack.shared().size(), "the unfinished one never showed; the new one did");
    }

    private static Long reportId;

    /** One ready report of the seeded history, shared by the tests of this class. */
    private long report() throws java.sql.SQLException {
        synchronized (SlackReportDeliveryTest.class) {
            if (reportId == null) {
                StudyReportTest.seed(dataSource);
                reportId = StudyReportTest.generate(SeededHistory.FROM, SeededHistory.TO, "en");
            }
            return reportId;
        }
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
