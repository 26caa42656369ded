package io.postureaudit.web;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The browser-facing defences: the sign-in form and its session cookie, CSRF tokens on session requests, refusal of
 * cross-site requests, security headers on every answer, the language switch, and imports over live accounts.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class WebSecurityTest {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A signed-in browser: its session cookie and the CSRF token its pages carry. */
    record Browser(String session, String csrf) {
    }

    static Browser signIn(String user, String password) {
        Response form = given().get("/login").then().statusCode(200).extract().response();
        String token = token(form.asString());
        Response signedIn = given().redirects().follow(false).cookie(LoginPage.FORM_COOKIE,
                form.getCookie(LoginPage.FORM_COOKIE)).contentType(ContentType.URLENC).formParam("username", user)
                .formParam("password", password).formParam("_csrf", token).formParam("next", "/findings")
                .post("/login").then().statusCode(303).header("Location", startsWith("http")).extract().response();
        Cookie session = signedIn.getDetailedCookie("posture-session");
        assertNotNull(session, "sign-in sets the session cookie");
        String page = given().cookie("posture-session", session.getValue()).get("/findings").then().statusCode(200)
                .extract().asString();
        return new Browser(session.getValue(), token(page));
    }

    static String token(String html) {
        Matcher m = FORM_TOKEN.matcher(html);
        assertTrue(m.find(), "the page has a form with a CSRF token: " + html);
        return m.group(1);
    }

    @Test
    void shouldSendPagesToSignInAndApiToChallengeWhenAnonymous() {
        given().redirects().follow(false).get("/findings?severity=high").then().statusCode(302)
                .header("Location", equalTo("/login?next=%2Ffindings%3Fseverity%3Dhigh"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().get("/api/findings").then().statusCode(401).header("WWW-Authenticate", startsWith("Basic"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/static/posture.css").then().statusCode(200);
    }

    @Test
    void shouldSetSecurityHeadersWhenAnsweringPages() {
        viewer().get("/findings").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin")
                .header("Strict-Transport-Security", (String) null);
        String html = viewer().get("/findings").asString();
        assertFalse(html.contains("<style") || html.contains("<script") || html.contains(" style="), html);
        assertTrue(html.contains("href=\"/changes\"") && html.contains("href=\"/reports\""), "nav links");
    }

    @Test
    void shouldStartSessionWithSafeCookieWhenSignInSucceeds() {
        Response form = given().get("/login").then().statusCode(200).extract().response();
        Response signedIn = given().redirects().follow(false)
                .cookie(LoginPage.FORM_COOKIE, form.getCookie(LoginPage.FORM_COOKIE)).contentType(ContentType.URLENC)
                .formParam("username", "viewer").formParam("password", "viewer-pass")
                .formParam("_csrf", token(form.asString())).formParam("next", "//evil.example/x")
                .post("/login").then().statusCode(303).extract().response();
        Cookie session = signedIn.getDetailedCookie("posture-session");
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());
        assertFalse(session.isSecured(), "plain HTTP: no Secure flag (the browser would drop it)");
        assertFalse(signedIn.header("Location").contains("evil.example"), "no open redirect");
        String page = given().cookie("posture-session", session.getValue()).get("/findings").then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("viewer"), "shows who is signed in");
    }

    @Test
    void shouldRefuseSignInWhenPasswordWrongOrFormTokenMissing() {
        Response form = given().get("/login").then().extract().response();
        given().cookie(LoginPage.FORM_COOKIE, form.getCookie(LoginPage.FORM_COOKIE)).contentType(ContentType.URLENC)
                .formParam("username", "viewer").formParam("password", "nope").formParam("_csrf", token(form.asString()))
                .post("/login").then().statusCode(401).body(containsString("Wrong user name or password"))
                .header("Set-Cookie", not(containsString("posture-session")));
        given().contentType(ContentType.URLENC).formParam("username", "viewer").formParam("password", "viewer-pass")
                .formParam("_csrf", "forged").post("/login").then().statusCode(403)
                .header("Set-Cookie", not(containsString("posture-session")));
    }

    @Test
    void shouldRequireCsrfTokenWhenSessionChangesSomething() {
        Browser browser = signIn("admin", "admin-pass");
        given().cookie("posture-session", browser.session()).contentType(ContentType.JSON).body("{}")
                .post("/api/findings/987654/unsuppress").then().statusCode(403).body("error", containsString("CSRF"));
        given().cookie("posture-session", browser.session()).header("X-CSRF-Token", "wrong")
                .post("/api/findings/987654/unsuppress").then().statusCode(403);
        given().cookie("posture-session", browser.session()).header("X-CSRF-Token", browser.csrf())
                .post("/api/findings/987654/unsuppress").then().statusCode(404);
        // Basic callers carry no token: nothing in a browser sends their credential on its own.
        admin().post("/api/findings/987654/unsuppress").then().statusCode(404);
    }

    @Test
    void shouldEndSessionWhenSigningOut() {
        Browser browser = signIn("viewer", "viewer-pass");
        given().redirects().follow(false).cookie("posture-session", browser.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", "forged").post("/logout").then().statusCode(403);
        given().redirects().follow(false).cookie("posture-session", browser.session()).contentType(ContentType.URLENC)
                .formParam("_csrf", browser.csrf()).post("/logout").then().statusCode(303)
                .header("Location", containsString("/login"));
        given().redirects().follow(false).cookie("posture-session", browser.session()).get("/findings").then()
                .statusCode(302);
    }

    @Test
    void shouldRefuseCrossSiteRequestsWhenOriginOrFetchSiteIsForeign() {
        admin().header("Origin", "https://evil.example").contentType("text/plain").body("x").post("/api/scans")
                .then().statusCode(403).body("error", containsString("evil.example"));
        admin().header("Sec-Fetch-Site", "cross-site").post("/api/rules/reload").then().statusCode(403);
        admin().header("Origin", "null").post("/api/findings/987654/unsuppress").then().statusCode(403);
        given().header("Origin", "https://evil.example").contentType(ContentType.URLENC).formParam("username", "admin")
                .formParam("password", "admin-pass").post("/login").then().statusCode(403);
        // The same site, and tools that send no Origin, pass on to the endpoint.
        String self = "http://localhost:" + io.restassured.RestAssured.port;
        admin().header("Origin", self).header("Sec-Fetch-Site", "same-origin")
                .post("/api/findings/987654/unsuppress").then().statusCode(404);
        admin().post("/api/findings/987654/unsuppress").then().statusCode(404);
        // Slack's signed callbacks are the one exception; they authenticate by signature, not by Origin.
        given().header("Origin", "https://evil.example").contentType(ContentType.URLENC).formParam("payload", "{}")
                .post("/slack/interactivity").then().statusCode(not(403));
    }

    @Test
    void shouldThrottleBasicSignInWhenPasswordsKeepFailing() {
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic("mallory", "guess" + i).get("/api/findings").then().statusCode(401);
        }
        given().auth().preemptive().basic("mallory", "guess5").get("/api/findings").then().statusCode(429)
                .header("Retry-After", not(equalTo(null)));
        viewer().get("/api/findings").then().statusCode(200);
    }

    @Test
    void shouldShowJapaneseWhenBrowserOrSwitchAsksForIt() {
        given().header("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5").get("/login").then().statusCode(200)
                .body(containsString("lang=\"ja\"")).body(containsString("サインイン"));
        given().header("Accept-Language", "fr").get("/login").then().body(containsString("lang=\"en\""));
        Response switched = given().redirects().follow(false).get("/language/ja?next=/findings").then()
                .statusCode(303).extract().response();
        assertEquals("ja", switched.getCookie("posture-lang"));
        given().cookie("posture-lang", "en").header("Accept-Language", "ja").get("/login").then()
                .body(containsString("lang=\"en\""));
    }

    @Test
    void shouldRefuseImportOverLiveAccountUnlessReplaceLiveIsSet() {
        admin().contentType(ContentType.JSON).body("{}").queryParam("account", TestEnvironment.DEV)
                .post("/api/imports").then().statusCode(409).body("error", containsString("replaceLive=true"));
    }
}
