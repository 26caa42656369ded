package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.findings.Finding;
import io.postureaudit.findings.FindingService;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The findings list's keyset pages ({@code after=}, issue 12's benchmark) give exactly the rows the numbered pages
 * give, in every sort and across ties; the totals and counts kept in the tally match the findings through inserts,
 * suppression, triage, severity changes and deletes.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class FindingKeysetTest {

    static final String ACCOUNT = "999999999993";
    static final String[] SEVERITIES = {"critical", "high", "medium", "low", "info"};

    @Inject
    InventoryService inventory;

    @BeforeEach
    void plant() {
        inventory.ensureAccount(ACCOUNT, "keyset-test", false);
        QuarkusTransaction.requiringNew().run(() -> {
            Finding.delete("accountId", ACCOUNT);
            // 23 findings: severities and rules repeat and last_seen has ties, so every sort needs its tie-breaks.
            for (int i = 0; i < 23; i++) {
                Finding f = new Finding();
                String arn = "arn:aws:iam::" + ACCOUNT + ":role/keyset-" + i;
                String rule = i % 3 == 0 ? "iam_role_trusts_any_principal" : "iam_user_console_without_mfa";
                f.fingerprint = FindingService.fingerprint(rule, ACCOUNT, arn);
                f.ruleId = rule;
                f.title = "Keyset " + i;
                f.severity = SEVERITIES[i % 4];
                f.status = i % 5 == 4 ? Finding.RESOLVED : Finding.OPEN;
                f.accountId = ACCOUNT;
                f.region = "global";
                f.resourceType = "iam.role";
                f.resourceArn = arn;
                f.message = "IAM role keyset-" + i + " is a test.";
                f.firstSeen = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * (i % 6));
                f.lastSeen = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(60L * (i % 4));
                f.lastScanId = 0L;
                f.persist();
            }
        });
    }

    @Test
    void shouldGiveTheNumberedPagesRowsWhenPagingAfterCursorsInEverySort() {
        for (String sort : List.of("severity", "lastSeen", "firstSeen", "rule")) {
            for (String status : List.of("", "open")) {
                List<Long> byNumber = new ArrayList<>();
                for (int page = 0; page < 10; page++) {
                    byNumber.addAll(list(sort, status, Map.of("page", page)).getList("items.id", Long.class));
                }
                List<Long> byCursor = new ArrayList<>();
                JsonPath page = list(sort, status, Map.of());
                int pages = 1;
                byCursor.addAll(page.getList("items.id", Long.class));
                while (page.getString("next") != null) {
                    page = list(sort, status, Map.of("after", page.getString("next")));
                    byCursor.addAll(page.getList("items.id", Long.class));
                    assertTrue(++pages < 20, "cursor pages never end for sort " + sort);
                }
                assertEquals(status.isEmpty() ? 23 : 19, byNumber.size(), sort);
                assertEquals(byNumber, byCursor, "sort " + sort + " status '" + status + "'");
                assertEquals(byNumber.size(), page.getLong("total"), sort);
            }
        }
    }

    @Test
    void shouldRefuseACursorThatThisListDidNotGive() {
        String cursor = list("lastSeen", "", Map.of()).getString("next");
        assertNotNull(cursor);
        viewer().queryParam("account", ACCOUNT).queryParam("sort", "severity").queryParam("after", cursor)
                .get("/api/findings").then().statusCode(400).body("error", containsString("after"))
                .body("error", containsString("lastSeen"));
        viewer().queryParam("after", "not a cursor!").get("/api/findings").then().statusCode(400)
                .body("error", containsString("after: expected the 'next' cursor"))
                .body("error", not(containsString("Exception")));
    }

    @Test
    void shouldFollowTheNextLinkOfThePageToTheRowsAfterIt() {
        String first = viewer().queryParam("account", ACCOUNT).get("/findings").then().statusCode(200).extract()
                .asString();
        assertTrue(first.contains("19 finding(s)"), first);
        assertTrue(!first.contains("rel=\"next\""), "one page, no next link: " + first);
        // 19 open rows fit one page of 50: no next link; with 60 more there is one, carrying a cursor.
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 100; i < 160; i++) {
                Finding f = new Finding();
                String arn = "arn:aws:iam::" + ACCOUNT + ":role/keyset-" + i;
                f.fingerprint = FindingService.fingerprint("iam_user_console_without_mfa", ACCOUNT, arn);
                f.ruleId = "iam_user_console_without_mfa";
                f.title = "Keyset " + i;
                f.severity = "low";
                f.status = Finding.OPEN;
                f.accountId = ACCOUNT;
                f.region = "global";
                f.resourceType = "iam.role";
                f.resourceArn = arn;
                f.message = "IAM role keyset-" + i + " is a test.";
                f.firstSeen = Instant.parse("2026-11-01T00:00:00Z");
                f.lastSeen = Instant.parse("2026-11-19T00:00:00Z");
                f.lastScanId = 0L;
                f.persist();
            }
        });
        String html = viewer().queryParam("account", ACCOUNT).get("/findings").then().statusCode(200).extract()
                .asString();
        Matcher next = Pattern.compile("href=\"(/findings\\?[^\"]*&page=1&after=[A-Za-z0-9_-]+)\" rel=\"next\"")
                .matcher(html);
        assertTrue(next.find(), html);
        String second = viewer().urlEncodingEnabled(false).get(next.group(1).replace("&amp;", "&")).then()
                .statusCode(200).extract().asString();
        List<Long> expected = viewer().queryParam("account", ACCOUNT).queryParam("status", "open")
                .queryParam("page", 1).get("/api/findings").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Long.class);
        assertEquals(79 - 50, expected.size());
        for (long id : expected) {
            assertTrue(second.contains("href=\"/findings/" + id + "\""), "row " + id + " on the second page");
        }
        assertTrue(second.contains("Page 2 of 2"), second);
        assertTrue(!second.contains("rel=\"next\""), "the last page has no next link: " + second);
    }

    @Test
    void shouldKeepTotalsAndCountsEqualToTheFindingsThroughEveryChange() {
        assertCountsMatchTheRows();
        long id = list("severity", "open", Map.of()).getList("items.id", Long.class).get(0);
        admin().contentType(ContentType.JSON).body("{\"justification\":\"test\"}")
                .post("/api/findings/" + id + "/suppress").then().statusCode(200);
        assertCountsMatchTheRows();
        admin().contentType(ContentType.JSON).body("{\"state\":\"under-review\"}")
                .post("/api/findings/" + id + "/triage").then().statusCode(200);
        assertCountsMatchTheRows();
        QuarkusTransaction.requiringNew().run(() -> {
            Finding.update("severity = 'info' where accountId = ?1 and severity = 'high'", ACCOUNT);
            Finding.update("lastSeen = ?2 where accountId = ?1", ACCOUNT, Instant.parse("2026-11-30T00:00:00Z"));
            Finding.delete("accountId = ?1 and status = 'resolved'", ACCOUNT);
        });
        assertCountsMatchTheRows();
        viewer().queryParam("account", ACCOUNT).queryParam("severity", "high").get("/api/findings").then()
                .statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
    }

    private void assertCountsMatchTheRows() {
        Map<String, Long> status = new TreeMap<>(), severity = new TreeMap<>(), triage = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> Finding.<Finding>list("accountId", ACCOUNT).forEach(f -> {
            status.merge(f.status, 1L, Long::sum);
            if (f.status.equals("open")) {
                severity.merge(f.severity, 1L, Long::sum);
                triage.merge(f.triageState, 1L, Long::sum);
            }
        }));
        JsonPath counts = viewer().queryParam("account", ACCOUNT).queryParam("status", "open")
                .get("/api/findings/counts").then().statusCode(200).extract().jsonPath();
        assertEquals(status, longs(counts.getMap("status")), "per status (its own filter left out)");
        assertEquals(severity, longs(counts.getMap("severity")), "per severity of the open ones");
        assertEquals(triage, longs(counts.getMap("triage")), "per triage state of the open ones");
        long open = status.getOrDefault("open", 0L);
        assertEquals(open, list("severity", "open", Map.of()).getLong("total"));
        for (String s : SEVERITIES) {
            long expected = severity.getOrDefault(s, 0L);
            assertEquals(expected, viewer().queryParam("account", ACCOUNT).queryParam("status", "open")
                    .queryParam("severity", s).get("/api/findings").then().statusCode(200).extract().jsonPath()
                    .getLong("total"), "total for severity " + s);
        }
        // Free text is counted from the rows themselves; it must agree too.
        assertEquals(open, viewer().queryParam("account", ACCOUNT).queryParam("status", "open")
                .queryParam("q", "KEYSET").get("/api/findings").then().statusCode(200).extract().jsonPath()
                .getLong("total"));
        JsonPath textCounts = viewer().queryParam("account", ACCOUNT).queryParam("status", "open")
                .queryParam("q", "KEYSET").get("/api/findings/counts").then().statusCode(200).extract().jsonPath();
        assertEquals(status, longs(textCounts.getMap("status")), "per status, with free text");
        assertEquals(severity, longs(textCounts.getMap("severity")), "per severity, with free text");
        assertEquals(triage, longs(textCounts.getMap("triage")), "per triage state, with free text");
        // The page takes its total and its filters' counts from one grouped statement: the same figures.
        for (String q : new String[] {null, "KEYSET"}) {
            assertPageShows(q, null, open, status, severity);
            for (String s : SEVERITIES) {
                assertPageShows(q, s, severity.getOrDefault(s, 0L), status, severity);
            }
        }
    }

    /** The open findings page of the account (with free text q, severity s): its total and the filters' counts. */
    private static void assertPageShows(String q, String s, long total, Map<String, Long> status,
            Map<String, Long> severity) {
        var request = viewer().queryParam("account", ACCOUNT);
        if (q != null) {
            request.queryParam("q", q);
        }
        if (s != null) {
            request.queryParam("severity", s);
        }
        String html = request.get("/findings").then().statusCode(200).extract().asString();
        String where = " (q=" + q + ", severity=" + s + ")";
        assertTrue(html.contains("<strong id=\"total\">" + total + " finding(s)</strong>"), "total " + total + where);
        if (s == null) {
            // Counts per status leave the status filter out, but keep the severity one: checked without it.
            for (String st : List.of("open", "resolved", "suppressed")) {
                assertTrue(html.contains(">" + st + " (" + status.getOrDefault(st, 0L) + ")</option>"),
                        "status " + st + where);
            }
        }
        for (String sev : SEVERITIES) {
            assertTrue(html.contains(">" + sev + " (" + severity.getOrDefault(sev, 0L) + ")</option>"),
                    "severity " + sev + where);
        }
    }

    private static Map<String, Long> longs(Map<String, Object> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    private static JsonPath list(String sort, String status, Map<String, Object> extra) {
        return viewer().queryParam("account", ACCOUNT).queryParam("status", status).queryParam("sort", sort)
                .queryParam("size", 3).queryParams(extra).get("/api/findings").then().statusCode(200).extract()
                .jsonPath();
    }
}
