package io.postureaudit.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;

/** Calls the service's API as the test users do, and waits for scans to finish. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "admin-pass");
    }

    public static RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "viewer-pass");
    }

    /** Starts a scan through the API and waits until it is no longer running. */
    public static JsonPath scan() {
        long id = admin().post("/api/scans").then().statusCode(202).extract().jsonPath().getLong("id");
        return awaitScan(id);
    }

    public static JsonPath awaitScan(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            JsonPath scan = viewer().get("/api/scans/" + id).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(scan.getString("status"))) {
                return scan;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("scan " + id + " still running after 90 s");
    }
}
