package io.postureaudit.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.OidcStub;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through an OpenID Connect provider (a local stub speaking the protocol): the code flow ends in an ordinary
 * posture session whose roles come from the ID token's groups claim (mapped by configuration); a person the provider
 * knows but who holds no role is refused; anonymous API calls still get 401 and pages still go to /login.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(OidcSignInTest.WithProvider.class)
class OidcSignInTest {

    static final OidcStub PROVIDER = new OidcStub();

    /** The application with the stub as its provider and a group mapped to admin. */
    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", PROVIDER.issuer(),
                    "quarkus.oidc.client-id", OidcStub.CLIENT_ID,
                    "quarkus.oidc.credentials.secret", OidcStub.CLIENT_SECRET,
                    "quarkus.http.auth.roles-mapping.\"sre-admins\"", "admin,viewer",
                    "quarkus.http.auth.roles-mapping.\"sre\"", "viewer");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @Test
    void shouldStartPostureSessionWithMappedRolesWhenProviderSignsIn() {
        PROVIDER.signInAs(new OidcStub.User("u-42", "kenta@example.com", List.of("sre-admins")));
        Map<String, String> cookies = new HashMap<>();
        Response last = follow("/login/oidc?next=/scans", cookies);
        assertEquals(303, last.statusCode(), last.asString());
        assertEquals("/scans", URI.create(last.header("Location")).getPath());
        assertTrue(cookies.containsKey("posture-session"), "an ordinary session was started: " + cookies);
        assertFalse(cookies.containsKey("q_session"), "the library's own session cookie is dropped: " + cookies);

        String page = given().cookies(cookies).get("/scans").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Signed in as kenta@example.com"), page);
        assertTrue(page.contains("name=\"_csrf\""), "the sign-out form carries the session's CSRF token");
        given().cookies(cookies).contentType("application/json").body("{\"name\":\"ci\",\"role\":\"viewer\"}")
                .post("/api/tokens").then().statusCode(403);
        given().cookies(cookies).header("X-CSRF-Token", csrf(page)).contentType("application/json")
                .body("{\"name\":\"ci\",\"role\":\"viewer\"}").post("/api/tokens").then().statusCode(201);
    }

    @Test
    void shouldGiveViewerOnlyWhenGroupMapsToViewer() {
        PROVIDER.signInAs(new OidcStub.User("u-7", "yui@example.com", List.of("sre")));
        Map<String, String> cookies = new HashMap<>();
        assertEquals(303, follow("/login/oidc", cookies).statusCode());
        given().cookies(cookies).get("/api/findings").then().statusCode(200);
        String page = given().cookies(cookies).get("/scans").then().statusCode(200).extract().asString();
        given().cookies(cookies).header("X-CSRF-Token", csrf(page)).post("/api/scans").then().statusCode(403);
    }

    @Test
    void shouldRefuseWhenProviderGivesNoRole() {
        PROVIDER.signInAs(new OidcStub.User("u-9", "guest@example.com", List.of("marketing")));
        Map<String, String> cookies = new HashMap<>();
        Response last = follow("/login/oidc", cookies);
        assertEquals(403, last.statusCode());
        assertTrue(last.asString().contains("holds neither the viewer nor the admin role"), last.asString());
        assertFalse(cookies.containsKey("posture-session"));
        given().cookies(cookies).redirects().follow(false).get("/findings").then().statusCode(302);
    }

    @Test
    void shouldKeepLoginPageAndApiChallengeForAnonymousRequests() {
        given().redirects().follow(false).get("/findings").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.containsString("/login?next="));
        given().get("/api/findings").then().statusCode(401);
        String login = given().get("/login").then().statusCode(200).extract().asString();
        assertTrue(login.contains("href=\"/login/oidc?next="), "the single sign-on button shows: " + login);
        given().auth().preemptive().basic("admin", "admin-pass").get("/api/findings").then().statusCode(200);
    }

    /** Follows redirects across the app and the provider as a browser would, keeping each side's cookies. */
    Response follow(String path, Map<String, String> appCookies) {
        String app = base.toString().replaceAll("/$", "");
        String url = app + path;
        Map<String, String> providerCookies = new HashMap<>();
        for (int hop = 0; hop < 10; hop++) {
            boolean toApp = url.startsWith(app);
            Response r = given().redirects().follow(false).cookies(toApp ? appCookies : providerCookies)
                    .urlEncodingEnabled(false).get(url);
            r.getDetailedCookies().forEach(c -> {
                Map<String, String> jar = toApp ? appCookies : providerCookies;
                if (c.getValue() == null || c.getValue().isEmpty() || (c.hasMaxAge() && c.getMaxAge() == 0)) {
                    jar.remove(c.getName());
                } else {
                    jar.put(c.getName(), c.getValue());
                }
            });
            String location = r.header("Location");
            boolean last = r.statusCode() < 300 || r.statusCode() >= 400 || location == null
                    || (toApp && r.statusCode() == 303);
            if (last) {
                return r;
            }
            url = location.startsWith("http") ? location : app + location;
        }
        throw new AssertionError("too many redirects from " + path);
    }

    static String csrf(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }
}
