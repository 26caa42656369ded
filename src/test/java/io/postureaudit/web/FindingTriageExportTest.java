package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.inventory.InventoryService;
import io.postureaudit.support.PlantedFinding;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triage through the API, the exports parsed back field by field, and bad ids and pages answered plainly. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class FindingTriageExportTest {

    static final String ACCOUNT = "999999999997";

    @Inject
    InventoryService inventory;

    long plant(String name, String message) {
        inventory.ensureAccount(ACCOUNT, "triage-test", false);
        return PlantedFinding.on(ACCOUNT, "arn:aws:iam::" + ACCOUNT + ":role/" + name).title("Title " + name)
                .message(message).store();
    }

    @Test
    void shouldTriageSuppressFilterAndRecordHistoryWhenRiskIsAccepted() {
        long id = plant("accepted-" + System.nanoTime(), "plain");
        admin().contentType(ContentType.JSON).body("{\"state\":\"risk-accepted\",\"note\":\"vendor fix due\"}")
                .post("/api/findings/" + id + "/triage").then().statusCode(400).body("error", containsString("expiresAt"));
        admin().contentType(ContentType.JSON).body("{\"state\":\"risk-accepted\",\"note\":\"vendor fix due\","
                + "\"assignee\":\"kenta\",\"expiresAt\":\"2099-01-01\"}").post("/api/findings/" + id + "/triage")
                .then().statusCode(200).body("status", equalTo("suppressed")).body("triage.state", equalTo("risk-accepted"))
                .body("triage.assignee", equalTo("kenta")).body("triage.updatedBy", equalTo("admin"))
                .body("suppression.justification", containsString("vendor fix due"));
        JsonPath list = viewer().queryParam("triage", "risk-accepted").queryParam("account", ACCOUNT)
                .get("/api/findings").then().statusCode(200).extract().jsonPath();
        assertTrue(list.getList("items.id", Long.class).contains(id));
        List<Map<String, Object>> history = viewer().get("/api/findings/" + id + "/history").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertTrue(history.stream().anyMatch(h -> "triaged".equals(h.get("event")) && "new".equals(h.get("fromTriage"))
                && "risk-accepted".equals(h.get("toTriage"))), history.toString());
        admin().contentType(ContentType.JSON).body("{\"state\":\"remediating\"}").post("/api/findings/" + id + "/triage")
                .then().statusCode(200).body("status", equalTo("open"));
        viewer().contentType(ContentType.JSON).body("{\"state\":\"remediating\"}").post("/api/findings/" + id + "/triage")
                .then().statusCode(403);
        viewer().queryParam("triage", "closed").get("/api/findings").then().statusCode(400)
                .body("error", containsString("under-review"));
    }

    @Test
    void shouldTriageManyWhenIdsAreGiven() {
        long a = plant("bulk-a-" + System.nanoTime(), "a");
        long b = plant("bulk-b-" + System.nanoTime(), "b");
        admin().contentType(ContentType.JSON).body("{\"ids\":[" + a + "," + b + "],\"state\":\"under-review\"}")
                .post("/api/findings/triage").then().statusCode(200).body("changed", equalTo(2));
        viewer().get("/api/findings/" + b).then().body("triage.state", equalTo("under-review"));
    }

    @Test
    void shouldExportCsvSafelyAndOcsfWithContractFields() {
        long id = plant("export-" + System.nanoTime(), "=HYPERLINK(\"http://evil\",\"x\"), with \"quotes\"\nand a line");
        String csv = viewer().queryParam("format", "csv").queryParam("account", ACCOUNT).queryParam("status", "")
                .get("/api/findings/export").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(csv.startsWith(String.join(",", FindingExports.CSV_COLUMNS) + "\r\n"), csv);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\"), with \"\"quotes\"\"\nand a line\""), csv);
        assertEquals("'@x", FindingExports.cell("@x"));
        assertEquals("'-1+2", FindingExports.cell("-1+2"));
        assertEquals("plain", FindingExports.cell("plain"));
        JsonPath ocsf = viewer().queryParam("format", "ocsf").queryParam("account", ACCOUNT).queryParam("status", "")
                .get("/api/findings/export").then().statusCode(200).extract().jsonPath();
        String at = "find { it.finding_info.uid == '" + id + "' }";
        assertEquals(2003, ocsf.getInt(at + ".class_uid"));
        assertEquals(200301, ocsf.getInt(at + ".type_uid"));
        assertEquals(4, ocsf.getInt(at + ".severity_id"));
        assertEquals("AWS", ocsf.getString(at + ".cloud.provider"));
        assertEquals(ACCOUNT, ocsf.getString(at + ".cloud.account.uid"));
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/" + ocsf.getString(at + ".resources[0].uid").substring(
                ("arn:aws:iam::" + ACCOUNT + ":role/").length()), ocsf.getString(at + ".resources[0].uid"));
        assertEquals("Fail", ocsf.getString(at + ".compliance.status"));
        assertTrue(ocsf.getList(at + ".compliance.requirements").size() > 0, "mapped to CIS/FSBP controls");
        assertTrue(ocsf.getString(at + ".remediation.desc").contains("cli"));
        assertEquals("new", ocsf.getString(at + ".unmapped.triage.state"));
        viewer().queryParam("format", "xml").get("/api/findings/export").then().statusCode(400)
                .body("error", containsString("csv or ocsf"));
    }

    @Test
    void shouldAnswerBadIdsAndPagesPlainly() {
        viewer().get("/api/findings/abc").then().statusCode(400).body("error", containsString("id: expected a whole number"));
        viewer().queryParam("page", "x").get("/api/findings").then().statusCode(400).body("error", containsString("page"));
        viewer().queryParam("page", 2147483647).get("/api/findings").then().statusCode(200)
                .body("items.size()", equalTo(0));
        viewer().get("/api/findings/987654321").then().statusCode(404).body("error", containsString("987654321"));
    }
}
