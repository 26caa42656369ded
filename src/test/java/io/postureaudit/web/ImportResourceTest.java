package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/imports: the shipped prod sample as a JSON body and as a multipart upload, and a bundle with holes. */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class ImportResourceTest {

    static final String PROD_SAMPLE = "161803398874";

    static String sample(String file) {
        try (InputStream in = ImportResourceTest.class.getClassLoader().getResourceAsStream("samples/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldImportSampleBundleAsScanWithAllItsResources() {
        JsonPath started = admin().contentType(ContentType.JSON).body(sample("prod-161803398874.json"))
                .queryParam("account", PROD_SAMPLE).queryParam("name", "prod-offline")
                .post("/api/imports").then().statusCode(202).extract().jsonPath();
        assertEquals(List.of(), started.getList("unknownKeys"));
        JsonPath scan = awaitScan(started.getLong("scanId"));
        assertEquals("succeeded", scan.getString("status"), () -> scan.prettify());
        JsonPath acls = viewer().queryParam("type", "waf.web-acl").queryParam("account", PROD_SAMPLE)
                .get("/api/resources").then().statusCode(200).extract().jsonPath();
        assertEquals(2, acls.getInt("total"));
        JsonPath sets = viewer().queryParam("type", "identitycenter.permission-set").queryParam("account", PROD_SAMPLE)
                .get("/api/resources").then().statusCode(200).extract().jsonPath();
        assertEquals(3, sets.getInt("total"));
    }

    @Test
    void shouldReportUnknownKeysAndTurnAbsentCallsIntoGaps() {
        String bundle = """
                {"kms:ListKeys@ap-northeast-1": {"Keys": [{"KeyId": "k1", "KeyArn": "arn:aws:kms:ap-northeast-1:333333333333:key/k1"}]},
                 "kms:ListAliases@ap-northeast-1": {"Aliases": []},
                 "ec2:DescribeInstances@ap-northeast-1": {"Reservations": []},
                 "iam:GetAccountAuthorizationDetails@ap-northeast-1": {}}""";
        JsonPath started = admin().contentType(ContentType.JSON).body(bundle).queryParam("account", "333333333333")
                .post("/api/imports").then().statusCode(202).extract().jsonPath();
        assertEquals(List.of("ec2:DescribeInstances@ap-northeast-1", "iam:GetAccountAuthorizationDetails@ap-northeast-1"),
                started.getList("unknownKeys"));
        JsonPath scan = awaitScan(started.getLong("scanId"));
        assertEquals("partial", scan.getString("status"));
        List<Map<String, Object>> gaps = scan.getList("gaps");
        assertTrue(gaps.stream().anyMatch(g -> "DescribeKey".equals(g.get("operation"))
                && String.valueOf(g.get("error")).startsWith("NotInBundle")), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> "iam".equals(g.get("service"))
                && "GetAccountAuthorizationDetails".equals(g.get("operation"))), gaps.toString());
        assertTrue(gaps.stream().anyMatch(g -> "guardduty".equals(g.get("service"))
                && "ListDetectors".equals(g.get("operation"))), gaps.toString());
    }

    @Test
    void shouldAcceptMultipartUpload() {
        JsonPath started = admin().multiPart("bundle", "dev.json", sample("dev-314159265358.json").getBytes(
                StandardCharsets.UTF_8), "application/json").queryParam("account", "314159265358")
                .post("/api/imports").then().statusCode(202).extract().jsonPath();
        assertEquals("succeeded", awaitScan(started.getLong("scanId")).getString("status"));
    }

    @Test
    void shouldRejectBadAccountAndNonAdmins() {
        admin().contentType(ContentType.JSON).body("{}").queryParam("account", "12345").post("/api/imports").then()
                .statusCode(400).body("error", containsString("12-digit"));
        admin().contentType(ContentType.JSON).body("[1]").queryParam("account", "123456789012").post("/api/imports")
                .then().statusCode(400).body("error", containsString("JSON object"));
        viewer().contentType(ContentType.JSON).body("{}").queryParam("account", "123456789012").post("/api/imports")
                .then().statusCode(403);
    }
}
