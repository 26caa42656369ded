package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** API tokens: an admin creates one, it works as Bearer with its role, it is listed without the secret, revoked. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ApiTokenTest {

    @Test
    void shouldSignInWithBearerTokenWithItsRoleUntilRevoked() {
        JsonPath created = admin().contentType(ContentType.JSON).body("{\"name\":\"ci\",\"role\":\"viewer\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath();
        String token = created.getString("token");
        long id = created.getLong("id");
        given().header("Authorization", "Bearer " + token).get("/api/findings").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).post("/api/scans").then().statusCode(403);
        String listed = admin().get("/api/tokens").then().statusCode(200).extract().asString();
        assertTrue(listed.contains("\"ci\"") && !listed.contains(token), listed);
        viewer().get("/api/tokens").then().statusCode(403);
        admin().delete("/api/tokens/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get("/api/findings").then().statusCode(401);
        given().header("Authorization", "Bearer pat_unknown").get("/api/findings").then().statusCode(401);
    }

    @Test
    void shouldRefuseBadTokenRequests() {
        admin().contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"root\"}").post("/api/tokens").then()
                .statusCode(400).body("error", containsString("viewer or admin"));
        admin().contentType(ContentType.JSON).body("{\"name\":\"x\",\"role\":\"admin\",\"expiresAt\":\"2001-01-01\"}")
                .post("/api/tokens").then().statusCode(400).body("error", containsString("future"));
        JsonPath expired = admin().contentType(ContentType.JSON).body("{\"name\":\"adm\",\"role\":\"admin\"}")
                .post("/api/tokens").then().statusCode(201).extract().jsonPath();
        given().header("Authorization", "Bearer " + expired.getString("token")).contentType(ContentType.JSON)
                .body("{}").post("/api/findings/987654/unsuppress").then().statusCode(not(403));
    }
}
