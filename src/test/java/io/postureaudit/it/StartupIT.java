package io.postureaudit.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as the README does, with the embedded PostgreSQL started by the service itself: it
 * comes up, keeps its data across restarts, guards every path but health, and refuses to start on a broken rule.
 */
class StartupIT {

    private static final List<String> USERS = List.of(
            "-Dquarkus.security.users.embedded.users.alice=alice-pass",
            "-Dquarkus.security.users.embedded.roles.alice=admin,viewer",
            "-Dquarkus.security.users.embedded.users.bob=bob-pass",
            "-Dquarkus.security.users.embedded.roles.bob=viewer");

    @Test
    void shouldServeSignedInUsersAndKeepDataWhenRestartedOnEmbeddedDatabase(@TempDir Path dataDir) throws Exception {
        List<String> properties = new java.util.ArrayList<>(USERS);
        properties.add("-Dposture.data-dir=" + dataDir);
        long scanId;
        try (RunningService service = RunningService.start(properties)) {
            int port = service.awaitListening();
            given().port(port).get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
            given().port(port).get("/api/findings").then().statusCode(401);
            given().port(port).redirects().follow(false).get("/").then().statusCode(302);
            // No account is configured: the sample estate is imported, labelled, within a minute.
            var sampleScan = awaitScan(port, 1);
            assertEquals("sample", sampleScan.getString("trigger"));
            assertTrue(sampleScan.getBoolean("sample"));
            assertEquals(3, sampleScan.getList("accounts").size());
            var findings = given().port(port).auth().preemptive().basic("bob", "bob-pass").queryParam("size", 500)
                    .get("/api/findings").then().statusCode(200).extract().jsonPath();
            assertTrue(findings.getInt("total") > 20, "the sample estate plants weaknesses in every service");
            assertEquals(List.of(true), findings.getList("items.sample").stream().distinct().toList());
            assertTrue(findings.getList("items.ruleId").contains("iam_server_certificate_expired"),
                    "prod's sample keeps an expired IAM server certificate");
            assertTrue(given().port(port).auth().preemptive().basic("bob", "bob-pass").get("/findings").then()
                    .statusCode(200).extract().asString().contains("sample data"));
            given().port(port).auth().preemptive().basic("bob", "bob-pass").post("/api/scans").then().statusCode(403);
            scanId = given().port(port).auth().preemptive().basic("alice", "alice-pass").post("/api/scans").then()
                    .statusCode(202).extract().jsonPath().getLong("id");
            assertFalse(service.output().contains("alice-pass"), "a password reached the log");
        }
        assertTrue(Files.isDirectory(dataDir.resolve("pgdata")), "embedded data should live in posture.data-dir");
        try (RunningService again = RunningService.start(properties)) {
            int port = again.awaitListening();
            given().port(port).auth().preemptive().basic("bob", "bob-pass").get("/api/scans/" + scanId).then()
                    .statusCode(200).body("id", equalTo((int) scanId));
            given().port(port).auth().preemptive().basic("bob", "bob-pass").get("/api/scans").then().statusCode(200)
                    .body("findAll { it.trigger == 'sample' }.size()", equalTo(1));
        }
    }

    private static io.restassured.path.json.JsonPath awaitScan(int port, long id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            var response = given().port(port).auth().preemptive().basic("bob", "bob-pass").get("/api/scans/" + id);
            if (response.statusCode() == 200 && !"running".equals(response.jsonPath().getString("status"))) {
                return response.jsonPath();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scan " + id + " did not finish within a minute");
    }

    @Test
    void shouldRefuseToStartWithFileLineAndReasonWhenRuleIsBroken(@TempDir Path dataDir, @TempDir Path rules)
            throws Exception {
        Path rule = rules.resolve("iam/broken_rule/rule.yaml");
        Files.createDirectories(rule.getParent());
        Files.writeString(rule, """
                id: broken_rule
                title: Broken on purpose
                severity: sever
                resource: iam.user
                condition: resource.name == 'x'
                message: "IAM user {{resource.name}} is x."
                """);
        List<String> properties = new java.util.ArrayList<>(USERS);
        properties.add("-Dposture.data-dir=" + dataDir);
        properties.add("-Dposture.rules.paths=" + rules);
        try (RunningService service = RunningService.start(properties)) {
            int exit = service.awaitExit();
            assertNotEquals(0, exit, "a broken rule must stop start-up");
            String output = service.output();
            assertTrue(output.contains(rules + "/iam/broken_rule/rule.yaml:3"), output);
            assertTrue(output.contains("found 'sever'"), output);
        }
    }

    @Test
    void shouldFailScanHonestlyWhenNoAccountIsConfigured(@TempDir Path dataDir) throws Exception {
        List<String> properties = new java.util.ArrayList<>(USERS);
        properties.add("-Dposture.data-dir=" + dataDir);
        properties.add("-Dposture.samples.enabled=false");
        try (RunningService service = RunningService.start(properties)) {
            int port = service.awaitListening();
            long id = given().port(port).auth().preemptive().basic("alice", "alice-pass").post("/api/scans").then()
                    .statusCode(202).extract().jsonPath().getLong("id");
            String status = "running";
            for (int i = 0; i < 100 && status.equals("running"); i++) {
                Thread.sleep(100);
                status = given().port(port).auth().preemptive().basic("bob", "bob-pass").get("/api/scans/" + id)
                        .then().statusCode(200).extract().jsonPath().getString("status");
            }
            assertEquals("failed", status);
        }
    }
}
