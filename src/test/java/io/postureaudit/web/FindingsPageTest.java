package io.postureaudit.web;

import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.findings.Finding;
import io.postureaudit.inventory.InventoryService;
import io.postureaudit.support.PlantedFinding;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The findings page shows what AWS said as text: markup in names and messages is escaped, never run. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class FindingsPageTest {

    private static final String ACCOUNT = "999999999999";

    @Inject
    InventoryService inventory;

    @Test
    void shouldEscapeAwsTextWhenRenderingFindings() {
        inventory.ensureAccount(ACCOUNT, "stag<b>ing</b>", false);
        PlantedFinding.on(ACCOUNT, "arn:aws:iam::999999999999:role/x").rule("page_test").severity("critical")
                .title("Title with <img src=x onerror=alert(1)>").message("IAM role <script>alert('x')</script> is open.")
                .store();
        String html = viewer().queryParam("account", ACCOUNT).get("/findings").then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("stag<b>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("1 finding(s)"), html);
        assertTrue(html.contains("2026-11-01 00:00 UTC"), "times are shown to the minute: " + html);
    }

    @Test
    void shouldSayWhatChangedIsNotAvailableUntilChangeRecordsExist() {
        // Other tests of this run may have scanned already: the block speaks of the latest scan, or of none.
        boolean scanned = QuarkusTransaction.requiringNew().call(() -> Boolean.TRUE.equals(Finding
                .getEntityManager().createNativeQuery("select exists (select 1 from scan)").getSingleResult()));
        String html = viewer().get("/").then().statusCode(200).extract().asString();
        int start = html.indexOf("<div id=\"changes\">");
        assertTrue(start > 0, html);
        String block = html.substring(start, html.indexOf("</div>", start));
        if (scanned) {
            assertTrue(block.matches("(?s).*Scan #\\d+(: \\d+ created| found no change).*"), block);
        } else {
            assertTrue(block.contains("Not available"), "no change records: never claims 'no change': " + block);
        }
    }
}
