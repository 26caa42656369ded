package io.postureaudit.report;

import static io.postureaudit.report.SeededHistory.PROD;
import static io.postureaudit.report.SeededHistory.STAGING;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.postureaudit.support.Api;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The report of a seeded two-week history, asserted number by number in Markdown, HTML and PDF; an empty period;
 * bad requests; Japanese; editing the action items and carrying them into the next report.
 */
@QuarkusTest
@TestProfile(ReportTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class StudyReportTest {

    private static SeededHistory history;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void plant() throws Exception {
        seed(dataSource);
    }

    /** Plants the history once per database (the report test classes share one application, if not restarted). */
    static synchronized SeededHistory seed(AgroalDataSource dataSource) throws java.sql.SQLException {
        if (history == null || !SeededHistory.planted(dataSource)) {
            history = SeededHistory.plant(dataSource);
        }
        return history;
    }

    @Test
    void shouldReportEverySectionOfTheSeededPeriodInMarkdown() {
        long id = generate(SeededHistory.FROM, SeededHistory.TO, "en");
        String md = Api.viewer().get("/api/reports/" + id + "/report.md").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        long f1 = history.findings.get("F1");
        long f2 = history.findings.get("F2");
        long f4 = history.findings.get("F4");
        long f5 = history.findings.get("F5");
        List<String> expected = List.of(
                "# Security study session report",
                "Period: 2026-03-02 to 2026-03-15 (Asia/Tokyo)",
                // Summary
                "| prod | 80.0 | 90.0 | +10.0 |",
                "| staging | 90.0 | 80.0 | -10.0 |",
                "![Posture score trend](trend.svg)",
                "- prod: 2026-03-02 00:00 80.0 → 2026-03-05 10:10 85.0 → 2026-03-12 10:10 90.0",
                "- staging: 2026-03-02 00:00 90.0 → 2026-03-12 10:10 80.0",
                "Findings opened 3, resolved 2, reopened 1, suppressed 1 in this period.",
                "Open at the end of the period: 1 critical, 2 high, 0 medium, 0 low, 0 info.",
                // Findings by severity and service
                "| critical | 0 | 0 | 0 | 0 |",
                "| high | 2 | 1 | 1 | 0 |",
                "| medium | 1 | 1 | 0 | 1 |",
                "| low | 0 | 0 | 0 | 0 |",
                "| guardduty | 0 | 0 | 1 | 0 |",
                "| iam | 3 | 1 | 0 | 1 |",
                "| kms | 0 | 1 | 0 | 0 |",
                // Oldest open, expiring suppressions (the justification's markup is escaped)
                "| #" + f1 + " Root user has an active access key | critical | prod (" + PROD + ") | `arn:aws:iam::"
                        + PROD + ":root` | 18 |",
                "| #" + f4 + " High-severity GuardDuty finding open for more than 7 days | high | staging (" + STAGING
                        + ") | `arn:aws:guardduty:ap-northeast-1:" + STAGING + ":detector/d1/finding/g4` | 18 |",
                "| #" + f2 + " IAM user with a console password has no MFA device | high | prod (" + PROD
                        + ") | `arn:aws:iam::" + PROD + ":user/alice` | 10 |",
                "| #" + f5 + " IAM user access key is older than 90 days | medium | prod (" + PROD + ") | alice | "
                        + "accepted until the \\<migration\\> \\| ends | 2026-03-20 09:00 | 4 |",
                // Least privilege
                "- **legacy-admin** (prod (" + PROD + ")) — Score 10 · `arn:aws:iam::" + PROD + ":role/legacy-admin`",
                "  - admin: Full administrator: every action on every resource without conditions. — Granted by: "
                        + "`ops-everything · Everything`",
                "- **ci** (prod (" + PROD + ")) — Score 30 · `arn:aws:iam::" + PROD + ":user/ci`",
                "  - privilege-escalation: Create a new default version of a managed policy (iam-create-policy-version: "
                        + "\\[iam:CreatePolicyVersion\\]). — Granted by: `deploy · Statement[0]`",
                "- **new-role** (staging (" + STAGING + ")) — Score 50 · `arn:aws:iam::" + STAGING + ":role/new-role`",
                "| ci | prod (" + PROD + ") | 70 | 30 | -40 |",
                "| legacy-admin | prod (" + PROD + ") | 40 | 10 | -30 |",
                "| reader | staging (" + STAGING + ") | ec2, kms, sqs | service last accessed, 90 days |",
                // Drift, GuardDuty, WAF
                "| prod (" + PROD + ") | 1 | 3 | 0 |",
                "| staging (" + STAGING + ") | 0 | 0 | 1 |",
                "| 2026-03-05 10:05 | prod (" + PROD + ") | deployer | \\* | — | — | admin | arn:aws:iam::" + PROD
                        + ":role/deployer |",
                "| 2026-03-05 10:05 | prod (" + PROD + ") | legacy-admin | — | — | arn:aws:iam::999900000000:root | — | "
                        + "arn:aws:iam::" + PROD + ":role/legacy-admin |",
                "| 2026-03-12 10:05 | prod (" + PROD + ") | deploy | iam:CreatePolicyVersion | s3:\\* | — | "
                        + "iam-create-policy-version | arn:aws:iam::" + PROD + ":user/ci |",
                "| prod (" + PROD + ") | 80.0 | 90.0 | +10.0 | 45 of 50 |",
                "| staging (" + STAGING + ") | — | 30.0 | — | 3 of 10 (a state could not be read) |",
                "### Active findings by severity (2 created in this period)",
                "| High | 2 |",
                "| Low | 1 |",
                "| CryptoCurrency:EC2/BitcoinTool.B!DNS | 1 |",
                "| Recon:EC2/PortProbeUnprotectedPort | 1 |",
                "| UnauthorizedAccess:IAMUser/MaliciousIPCaller | 1 |",
                "| Account | Region | Detector | EKS\\_AUDIT\\_LOGS | RDS\\_LOGIN\\_EVENTS | S3\\_DATA\\_EVENTS |",
                "| prod (" + PROD + ") | ap-northeast-1 | enabled | DISABLED | - | ENABLED |",
                "| prod (" + PROD + ") | us-east-1 | off | - | - | - |",
                "| staging (" + STAGING + ") | ap-northeast-1 | enabled | - | ENABLED | DISABLED |",
                "| prod (" + PROD + ") | ap-northeast-1 | archive-low | `{\"criterion\":{\"severity\":{\"lt\":4}}}` |",
                "| prod (" + PROD + ") | ap-northeast-1 | app-acl | ALLOW | 2 | AWSManagedRulesCommonRuleSet | no |",
                "| staging (" + STAGING + ") | ap-northeast-1 | api-acl | BLOCK | not read | — | yes |",
                // Study topics, in order, and the escalation path
                "### IAM user with a console password has no MFA device",
                "Rule `iam_user_console_without_mfa`, severity high: 2 findings opened or reopened in this period, "
                        + "1 open at its end. Newly triggered in this period.",
                "### IAM user access key is older than 90 days",
                "Rule `iam_user_access_key_not_rotated`, severity medium: 1 findings opened or reopened in this "
                        + "period, 0 open at its end. Newly triggered in this period.",
                "### High-severity GuardDuty finding open for more than 7 days",
                "Rule `guardduty_high_severity_finding_open`, severity high: 1 findings opened or reopened in this "
                        + "period, 1 open at its end.",
                "ci in prod (" + PROD + ") can use the method \"Create a new default version of a managed policy\" "
                        + "(iam-create-policy-version).",
                "1. Step 1: call `iam:CreatePolicyVersion → arn:aws:iam::" + PROD + ":policy/*`",
                "Granted by: `deploy · Statement[0]`",
                // Action items proposed from the period's open critical/high findings, critical first then oldest
                "| 1 | Fix high finding: High-severity GuardDuty finding open for more than 7 days (staging (" + STAGING
                        + ")) |  | open | proposed |",
                "| 2 | Fix high finding: IAM user with a console password has no MFA device (prod (" + PROD
                        + ")) |  | open | proposed |");
        List<String> lines = md.lines().map(String::stripTrailing).toList();
        for (String line : expected) {
            assertTrue(lines.contains(line), "missing line:\n" + line + "\n--- in ---\n" + md);
        }
        int topic1 = md.indexOf("### IAM user with a console password");
        int topic2 = md.indexOf("### IAM user access key is older");
        int topic3 = md.indexOf("### High-severity GuardDuty finding");
        assertTrue(topic1 < topic2 && topic2 < topic3, "study topics are ordered by hits, new ones first");
        assertFalse(md.contains("### Root user has an active access key"), "only three topics: a rule without hits comes fourth");
        assertFalse(md.contains("100.0"), "a score recorded after the period must not show");
        assertFalse(md.contains("| High | 3 |"), "an archived GuardDuty finding is not active");
        assertFalse(md.contains("tidy"), "a cosmetic change is not a change of access");
        assertFalse(md.contains("Drift is not available"), md);
        assertTrue(md.contains("**How to fix (CLI)**") && md.contains("https://docs.aws.amazon.com/"), md);
    }

    @Test
    void shouldShowTheSameFiguresInTheHtmlAndItsChart() {
        long id = generate(SeededHistory.FROM, SeededHistory.TO, "en");
        String html = Api.viewer().get("/api/reports/" + id + "/report.html").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        Document doc = ReportDocuments.xml(html);
        assertEquals(List.of(List.of("prod", "80.0", "90.0", "+10.0"), List.of("staging", "90.0", "80.0", "-10.0")),
                ReportDocuments.table(doc, "scores"));
        List<List<String>> severity = ReportDocuments.table(doc, "counts");
        assertEquals(List.of("high", "2", "1", "1", "0"), severity.get(1));
        assertEquals(List.of("medium", "1", "1", "0", "1"), severity.get(2));
        assertEquals(List.of("prod (" + PROD + ")", "ap-northeast-1", "app-acl", "ALLOW", "2",
                "AWSManagedRulesCommonRuleSet", "no"), ReportDocuments.table(doc, "acls").get(0));
        assertEquals(List.of("ci", "prod (" + PROD + ")", "70", "30", "-40"), ReportDocuments.table(doc, "changes")
                .get(0));
        List<List<String>> oldest = ReportDocuments.table(doc, "oldest");
        assertEquals(List.of("18", "18", "10"), oldest.stream().map(r -> r.get(4)).toList());
        List<List<String>> expiring = ReportDocuments.table(doc, "expiring");
        assertEquals("accepted until the <migration> | ends", expiring.get(0).get(4), "shown as text, not markup");
        assertTrue(html.contains("accepted until the &lt;migration&gt;"), "escaped in the HTML source");
        assertEquals(List.of(List.of("prod (" + PROD + ")", "ap-northeast-1", "enabled", "DISABLED", "-", "ENABLED"),
                List.of("prod (" + PROD + ")", "us-east-1", "off", "-", "-", "-"),
                List.of("staging (" + STAGING + ")", "ap-northeast-1", "enabled", "-", "ENABLED", "DISABLED")),
                ReportDocuments.table(doc, "coverage"));
        assertEquals(2, ReportDocuments.table(doc, "actions").size());
        assertEquals(List.of(List.of("prod (" + PROD + ")", "1", "3", "0"), List.of("staging (" + STAGING + ")", "0",
                "0", "1")), ReportDocuments.table(doc, "drift"));
        assertEquals(List.of("deploy", "iam:CreatePolicyVersion", "s3:*", "—", "iam-create-policy-version",
                "arn:aws:iam::" + PROD + ":user/ci"), ReportDocuments.table(doc, "iam-changes").get(2).subList(2, 8));
        assertEquals(List.of(List.of("prod (" + PROD + ")", "80.0", "90.0", "+10.0", "45 of 50"),
                List.of("staging (" + STAGING + ")", "—", "30.0", "—", "3 of 10 (a state could not be read)")),
                ReportDocuments.table(doc, "iac-coverage"));
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/report/report.css\"/>"), "print stylesheet linked");
        assertFalse(html.contains("<script"), "no script in the report");

        List<String> expectedPoints = List.of("prod=80.0", "prod=85.0", "prod=90.0", "staging=90.0", "staging=80.0");
        assertEquals(expectedPoints, ReportDocuments.points(doc), "the inline chart carries every score");
        String svg = Api.viewer().get("/api/reports/" + id + "/trend.svg").then().statusCode(200)
                .contentType(containsString("image/svg+xml")).extract().asString();
        assertEquals(expectedPoints, ReportDocuments.points(ReportDocuments.xml(svg)));
        Api.viewer().get("/report/report.css").then().statusCode(200).body(containsString("@media print"));
    }

    @Test
    void shouldRenderAPdfWithTheSectionsAndFiguresInAnEmbeddedFont() {
        long id = generate(SeededHistory.FROM, SeededHistory.TO, "en");
        byte[] bytes = Api.viewer().get("/api/reports/" + id + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        ReportDocuments.Pdf pdf = ReportDocuments.pdf(bytes);
        for (String text : List.of("Security study session report", "1. Summary", "2. Findings", "3. Least privilege",
                "4. Drift", "5. GuardDuty", "6. WAF", "7. Study topics", "8. Action items", "80.0", "+10.0", "-10.0",
                "Findings opened 3, resolved 2, reopened 1, suppressed 1 in this period.",
                "Root user has an active", "legacy-admin", "AWSManagedRulesCommonRuleSet", "archive-low",
                "IAM user with a console password has no MFA device", "iam:CreatePolicyVersion", "ec2, kms, sqs")) {
            assertTrue(pdf.text().contains(text), "PDF lacks '" + text + "':\n" + pdf.text());
        }
        assertTrue(pdf.fonts().stream().allMatch(f -> f.contains("IPAex")), "only the embedded font: " + pdf.fonts());
    }

    @Test
    void shouldWriteTheJapaneseReportWithJapaneseHeadingsAndNoMissingGlyphs() {
        long id = generate(SeededHistory.FROM, SeededHistory.TO, "ja");
        String md = Api.viewer().get("/api/reports/" + id + "/report.md").then().statusCode(200).extract().asString();
        List<String> headings = List.of("セキュリティ勉強会レポート", "1. 概要", "2. 検出結果", "3. 最小権限", "4. ドリフト",
                "7. 学習トピック", "8. アクションアイテム");
        for (String heading : headings) {
            assertTrue(md.contains(heading), "Markdown lacks " + heading);
        }
        assertTrue(md.contains("この期間の検出結果: 新規 3 件、解決 2 件、再発 1 件、抑制 1 件。"), md);
        assertTrue(md.contains("| prod | 80.0 | 90.0 | +10.0 |"), md);
        String html = Api.viewer().get("/api/reports/" + id + "/report.html").then().statusCode(200).extract()
                .asString();
        assertTrue(html.contains("lang=\"ja\"") && html.contains("<h2>1. 概要</h2>"), html);
        ReportDocuments.Pdf pdf = ReportDocuments.pdf(Api.viewer().get("/api/reports/" + id + "/report.pdf").then()
                .statusCode(200).extract().asByteArray());
        for (String heading : headings) {
            assertTrue(pdf.text().contains(heading), "PDF lacks " + heading + ":\n" + pdf.text());
        }
        assertFalse(pdf.text().contains("#概") || pdf.text().contains("\uFFFD"), "a glyph was replaced");
        assertTrue(pdf.fonts().stream().allMatch(f -> f.contains("IPAex") && !f.contains("not embedded")),
                pdf.fonts().toString());
    }

    @Test
    void shouldRenderAPeriodWithoutActivitySensibly() {
        long id = generate("2025-06-02", "2025-06-15", "en");
        String md = Api.viewer().get("/api/reports/" + id + "/report.md").then().statusCode(200).extract().asString();
        for (String line : List.of("No posture score was recorded up to the end of this period.",
                "Findings opened 0, resolved 0, reopened 0, suppressed 0 in this period.",
                "Open at the end of the period: 0 critical, 0 high, 0 medium, 0 low, 0 info.",
                "No finding changed state in this period.",
                "No complete IAM analysis was stored up to the end of this period.",
                "No data was collected for this service up to the end of this period.",
                "No rule with study notes fired in this period.",
                "No privilege-escalation path was found in the latest analysis of this period.",
                "No action items.")) {
            assertTrue(md.contains(line), "missing '" + line + "' in\n" + md);
        }
        ReportDocuments.xml(Api.viewer().get("/api/reports/" + id + "/report.html").then().statusCode(200).extract()
                .asString());
        ReportDocuments.Pdf pdf = ReportDocuments.pdf(Api.viewer().get("/api/reports/" + id + "/report.pdf").then()
                .statusCode(200).extract().asByteArray());
        assertTrue(pdf.text().contains("No action items."), pdf.text());
    }

    @Test
    void shouldRefuseAFutureReversedOrMalformedPeriodAndAnUnknownLanguage() {
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusDays(2).toString();
        Api.admin().contentType("application/json").body(Map.of("from", "2026-03-01", "to", tomorrow))
                .post("/api/reports").then().statusCode(400)
                .body("error", containsString("to: expected a date no later than today"))
                .body("error", containsString(tomorrow));
        Api.admin().contentType("application/json").body(Map.of("from", "2026-03-10", "to", "2026-03-01"))
                .post("/api/reports").then().statusCode(400)
                .body("error", containsString("from: expected a date on or before to (2026-03-01), found 2026-03-10"));
        Api.admin().contentType("application/json").body(Map.of("from", "March 1st"))
                .post("/api/reports").then().statusCode(400)
                .body("error", containsString("from: expected an ISO date like 2026-11-20, found 'March 1st'"));
        Api.admin().contentType("application/json").body(Map.of("language", "fr"))
                .post("/api/reports").then().statusCode(400)
                .body("error", containsString("language: expected one of en, ja, found 'fr'"));
        Api.viewer().contentType("application/json").body(Map.of()).post("/api/reports").then().statusCode(403);
        Api.viewer().get("/api/reports/999999/report.md").then().statusCode(404);
    }

    @Test
    void shouldListReportsAndDefaultToTheLastTwoWeeks() {
        long id = Api.admin().contentType("application/json").body("{}").post("/api/reports").then().statusCode(202)
                .extract().jsonPath().getLong("id");
        JsonPath report = await(id);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        assertEquals(today, report.getString("periodEnd"));
        assertEquals(java.time.LocalDate.parse(today).minusDays(13).toString(), report.getString("periodStart"));
        assertEquals("en", report.getString("language"));
        List<Map<String, Object>> list = Api.viewer().get("/api/reports").then().statusCode(200).extract().jsonPath()
                .getList("$");
        Map<String, Object> listed = list.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst()
                .orElseThrow();
        assertTrue(listed.keySet().containsAll(List.of("id", "periodStart", "periodEnd", "language", "createdAt",
                "status")), listed.toString());
        assertEquals("ready", listed.get("status"));
    }

    @Test
    void shouldCarryEditedActionItemsIntoTheNextReport() {
        long first = generate(SeededHistory.FROM, SeededHistory.TO, "en");
        List<Map<String, Object>> items = Api.viewer().get("/api/reports/" + first + "/action-items").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertEquals(2, items.size());
        Number firstItem = (Number) items.get(0).get("id");
        Number secondItem = (Number) items.get(1).get("id");
        List<Map<String, Object>> edited = List.of(
                Map.of("id", firstItem, "text", "Close GuardDuty finding g4", "status", "done", "owner", "yui"),
                Map.of("id", secondItem, "text", items.get(1).get("text"), "status", "open"),
                Map.of("text", "Rotate the <break-glass> password", "owner", "kenta"));
        Api.viewer().contentType("application/json").body(edited).put("/api/reports/" + first + "/action-items")
                .then().statusCode(403);
        Api.admin().contentType("application/json").body(List.of(Map.of("text", "x", "status", "later")))
                .put("/api/reports/" + first + "/action-items").then().statusCode(400)
                .body("error", containsString("[0].status: expected one of open, done, dropped; found 'later'"));
        Api.admin().contentType("application/json").body(edited).put("/api/reports/" + first + "/action-items")
                .then().statusCode(200);
        String md = Api.viewer().get("/api/reports/" + first + "/report.md").then().statusCode(200).extract()
                .asString();
        assertTrue(md.contains("| 1 | Close GuardDuty finding g4 | yui | done | proposed |"), md);
        assertTrue(md.contains("| 3 | Rotate the \\<break-glass\\> password | kenta | open | added |"), md);
        assertTrue(md.contains("| prod | 80.0 | 90.0 | +10.0 |"), "figures unchanged by the edit");
        assertTrue(ReportDocuments.pdf(Api.viewer().get("/api/reports/" + first + "/report.pdf").then()
                .statusCode(200).extract().asByteArray()).text().contains("Close GuardDuty finding g4"));

        long next = generate("2026-03-16", "2026-03-29", "en");
        String nextMd = Api.viewer().get("/api/reports/" + next + "/report.md").then().statusCode(200).extract()
                .asString();
        assertTrue(nextMd.contains("| 1 | Close GuardDuty finding g4 | yui | done | carried over |"), nextMd);
        assertTrue(nextMd.contains("| 2 | Fix high finding: IAM user with a console password has no MFA device (prod ("
                + PROD + ")) |  | open | carried over |"), nextMd);
        assertTrue(nextMd.contains("| 3 | Rotate the \\<break-glass\\> password | kenta | open | carried over |"),
                nextMd);
        assertEquals(3, Api.viewer().get("/api/reports/" + next + "/action-items").then().statusCode(200).extract()
                .jsonPath().getList("$").size(), "nothing new to propose in a period without critical/high openings");
    }

    static long generate(String from, String to, String language) {
        long id = Api.admin().contentType("application/json").body(Map.of("from", from, "to", to, "language",
                language)).post("/api/reports").then().statusCode(202).extract().jsonPath().getLong("id");
        JsonPath report = await(id);
        assertEquals("ready", report.getString("status"), () -> "report failed: " + report.getString("error"));
        return id;
    }

    private static JsonPath await(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonPath report = Api.viewer().get("/api/reports/" + id).then().statusCode(200).extract().jsonPath();
            if (!"pending".equals(report.getString("status"))) {
                return report;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("report " + id + " still pending after 120 s");
    }
}
