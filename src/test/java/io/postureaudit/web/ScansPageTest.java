package io.postureaudit.web;

import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.support.Api;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scans pages: the list shows status and duration; one scan shows its coverage matrix with a scope AWS refused
 * as a gap (never as read), and the gap's error from AWS as text.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ScansPageTest {

    static final String HOSTILE_ERROR = "User <script>window.__pwned=1</script> is not authorized to perform kms:ListKeys";

    @Test
    void shouldShowGapInCoverageMatrixAndListWhenAwsRefusesAService() {
        Estates.plantDev(TestEnvironment.iam(), TestEnvironment.DEV);
        TestEnvironment.aws().inject("kms:ListKeys", new FakeAws.Fault(400, "AccessDeniedException", HOSTILE_ERROR,
                0, Integer.MAX_VALUE));
        JsonPath scan;
        try {
            scan = Api.scan();
        } finally {
            TestEnvironment.aws().clearFaults();
        }
        long id = scan.getLong("id");
        assertEquals("partial", scan.getString("status"));

        String list = viewer().get("/scans").then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(list.contains("href=\"/scans/" + id + "\""), list);
        Matcher row = Pattern.compile("<a href=\"/scans/" + id + "\">#" + id + "</a>.*?</tr>", Pattern.DOTALL)
                .matcher(list);
        assertTrue(row.find(), list);
        assertTrue(row.group().contains("partial"), row.group());
        assertTrue(row.group().matches("(?s).*<td class=\"num\">\\d+ (s|min \\d+ s)</td>.*"),
                "a finished scan shows its duration: " + row.group());

        String page = viewer().get("/scans/" + id).then().statusCode(200).extract().asString();
        String dev = matrixRow(page, TestEnvironment.DEV, "ap-northeast-1");
        assertTrue(dev.contains("cell-gap") && dev.contains("✗"), "kms was refused: a gap, never read: " + dev);
        assertTrue(matrixRow(page, TestEnvironment.DEV, "global").contains("cell-read"), "IAM was read: " + page);
        assertFalse(page.contains("<script>window.__pwned"), "AWS's error text is escaped");
        assertTrue(page.contains("User &lt;script&gt;window.__pwned=1&lt;/script&gt; is not authorized"), page);
        assertTrue(page.contains("<code>kms:ListKeys</code>") || page.contains("ListKeys"), page);

        String findings = viewer().get("/findings").then().statusCode(200).extract().asString();
        int gaps = scan.getList("gaps").size();
        assertTrue(gaps > 0 && findings.contains("<a class=\"gap\" href=\"/scans/" + id + "\">" + gaps + " gap(s)"),
                "the findings page's headline counts the latest scan's gaps and links to it: " + findings);
    }

    @Test
    void shouldAnswerBadAndUnknownIdsAndRequireSignIn() {
        viewer().get("/scans/abc").then().statusCode(400);
        viewer().get("/scans/987654321").then().statusCode(404);
        viewer().queryParam("limit", "0").get("/scans").then().statusCode(400);
        int status = given().redirects().follow(false).get("/scans").statusCode();
        assertTrue(status == 302 || status == 401, "signed out: " + status);
    }

    /** The matrix row of one account × region, from its header cell to the end of the row. */
    static String matrixRow(String page, String account, String region) {
        Matcher m = Pattern.compile("<th scope=\"row\">[^<]*<small class=\"muted\">" + account
                + "</small></th>\\s*<td>" + Pattern.quote(region) + "</td>(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "no matrix row for " + account + " " + region + ": " + page);
        return m.group(1);
    }
}
