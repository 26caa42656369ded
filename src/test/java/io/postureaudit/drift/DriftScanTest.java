package io.postureaudit.drift;

import static io.postureaudit.support.Api.scan;
import static io.postureaudit.support.Api.viewer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.support.OwnDatabaseProfile;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Change detection end to end: scans of the wire-level fake AWS around controlled changes, read back through
 * {@code GET /api/changes}; a scan with a gap must not invent deletions.
 */
@QuarkusTest
@TestProfile(OwnDatabaseProfile.class)
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftScanTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    static final String DEV = TestEnvironment.DEV;
    static final String TOKYO = "ap-northeast-1";
    static final String KEY = "drift-key-0000-4000-8000-000000000001";
    static final String STORE = "d-dev0000001";
    static final String OPS = "arn:aws:identitystore:::group/g-ops";
    static final String S3_WRITE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],
            "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}""";
    // The same as Estates.S3_READ, spelled differently: a reordered Resource list and one-element lists.
    static final String S3_READ_RESPELLED = """
            {"Version":"2012-10-17","Statement":[{"Resource":["arn:aws:s3:::reports/*","arn:aws:s3:::reports"],
            "Action":["s3:ListBucket","s3:GetObject"],"Effect":"Allow"}]}""";
    static long baseline;
    static long changed;
    static long lastComplete;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeAll
    static void plant() {
        TestEnvironment.sts().requiredExternalIds.put(TestEnvironment.PROD_ROLE, TestEnvironment.PROD_EXTERNAL_ID);
        TestEnvironment.aws().clearFaults();
        FakeIam iam = TestEnvironment.iam();
        Estates.plantDev(iam, DEV);
        Estates.plantProd(iam, TestEnvironment.PROD);
        FakeKms kms = TestEnvironment.fake("kms");
        kms.customerKey(DEV, TOKYO, KEY).rotationEnabled = true;
        // Identity Center in dev: the ops group holds AdministratorAccess in prod; only aiko is in it.
        FakeIdentityStore store = TestEnvironment.fake("identitystore");
        store.user(STORE, "u-aiko", "aiko@example.com", "Aiko", "Tanaka");
        store.user(STORE, "u-kenta", "kenta@example.com", "Kenta", "Sato");
        store.group(STORE, "g-ops", "ops", "u-aiko");
        FakeSsoAdmin sso = TestEnvironment.fake("sso");
        sso.instance(DEV, TOKYO, "ssoins-dev", STORE).permissionSet("AdministratorAccess", "PT1H")
                .managed("AdministratorAccess").assign(TestEnvironment.PROD, "GROUP", "g-ops");
    }

    static JsonPath changes(Map<String, Object> query) {
        return viewer().queryParams(query).queryParam("size", 500).get("/api/changes").then().statusCode(200)
                .extract().jsonPath();
    }

    static Map<String, Object> change(JsonPath page, String arn) {
        Map<String, Object> item = page.getMap("items.find { it.resourceArn == '" + arn + "' }");
        if (item == null) {
            throw new AssertionError("no change of " + arn + " in " + page.prettify());
        }
        return item;
    }

    @Test
    @Order(1)
    void shouldRecordNoChangesWhenScopeWasNeverReadBeforeOrNothingMoved() {
        JsonPath first = scan();
        assertEquals("succeeded", first.getString("status"), () -> "gaps: " + first.getList("gaps"));
        assertEquals(0, changes(Map.of("scan", first.getLong("id"))).getInt("total"), "nothing to compare with yet");
        // A counter IAM moves on its own (attachments elsewhere) mints a version but is not a change.
        TestEnvironment.iam().estate(DEV).policy("s3-reports").attachmentCount = 7;
        JsonPath second = scan();
        baseline = second.getLong("id");
        assertEquals(0, changes(Map.of("scan", baseline)).getInt("total"),
                () -> changes(Map.of("scan", baseline)).prettify());
    }

    @Test
    @Order(2)
    void shouldRecordCreatedModifiedAndDeletedWithFieldsAndEffectsWhenEstateChanges() {
        FakeIam.Estate dev = TestEnvironment.iam().estate(DEV);
        synchronized (dev) {
            dev.policy("s3-reports").document = S3_WRITE;
            dev.role("legacy-integration").trustPolicy = Estates.ACCOUNT_TRUST;
            dev.user("ci-deployer").inlinePolicies.put("deploy", S3_READ_RESPELLED);
            FakeIam.User mallory = new FakeIam.User("mallory");
            mallory.attachedPolicyArns.add("arn:aws:iam::" + DEV + ":policy/ops-everything");
            dev.users.add(mallory);
            dev.users.removeIf(u -> u.name.equals("yui"));
            dev.credentialReportRows.removeIf(r -> r.startsWith("yui,"));
        }
        FakeKms kms = TestEnvironment.fake("kms");
        kms.region(DEV, TOKYO).keys.stream().filter(k -> k.id().equals(KEY)).findFirst().orElseThrow()
                .rotationEnabled = false;

        JsonPath result = scan();
        changed = result.getLong("id");
        JsonPath page = changes(Map.of("scan", changed, "account", DEV));

        Map<String, Object> policy = change(page, "arn:aws:iam::" + DEV + ":policy/s3-reports");
        assertEquals("modified", policy.get("change"));
        assertEquals(baseline, ((Number) policy.get("previousScanId")).longValue());
        assertEquals(false, policy.get("cosmetic"));
        assertEquals(List.of("s3:PutObject"), path(policy, "effect.granted"));
        assertEquals(List.of(), path(policy, "effect.principals"), "its only holder, yui, left in the same scan");
        List<Map<String, Object>> fields = path(policy, "fields");
        assertTrue(fields.stream().allMatch(f -> f.get("path").toString().startsWith("/document/Statement/0/Action")),
                () -> "only the Action list moved (not the attachment counter): " + fields);

        Map<String, Object> role = change(page, "arn:aws:iam::" + DEV + ":role/legacy-integration");
        assertEquals("modified", role.get("change"));
        assertEquals(List.of("arn:aws:iam::333333333333:root"), path(role, "effect.trustAdded"));
        assertEquals(List.of("*"), path(role, "effect.trustRemoved"));
        assertTrue(this.<List<String>>path(role, "effect.risksRemoved").contains("public-trust"), () -> "" + role);

        Map<String, Object> mallory = change(page, "arn:aws:iam::" + DEV + ":user/mallory");
        assertEquals("created", mallory.get("change"));
        assertEquals(List.of("*"), path(mallory, "effect.granted"));
        assertTrue(this.<List<String>>path(mallory, "effect.risksAdded").contains("admin"), () -> "" + mallory);
        assertEquals(List.of("arn:aws:iam::" + DEV + ":user/mallory"), path(mallory, "effect.principals"));
        assertNull(mallory.get("actor"), "unattributed until CloudTrail says otherwise");

        Map<String, Object> ci = change(page, "arn:aws:iam::" + DEV + ":user/ci-deployer");
        assertEquals("modified", ci.get("change"));
        assertEquals(true, ci.get("cosmetic"), () -> "respelled policy: " + ci);
        assertEquals(List.of(), path(ci, "effect.granted"));
        assertEquals(List.of(), path(ci, "effect.revoked"));

        Map<String, Object> yui = change(page, "arn:aws:iam::" + DEV + ":user/yui");
        assertEquals("deleted", yui.get("change"));
        // Judged against the account as it is now, where yui's policy also allows s3:PutObject.
        assertEquals(List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject"), path(yui, "effect.revoked"));
        assertEquals(List.of("arn:aws:iam::" + DEV + ":user/yui"), path(yui, "effect.principals"));

        Map<String, Object> key = change(page, "arn:aws:kms:" + TOKYO + ":" + DEV + ":key/" + KEY);
        assertEquals("modified", key.get("change"));
        assertNull(key.get("effect"), "KMS keys bear no IAM effect");
        assertEquals(List.of(Map.of("path", "/rotationEnabled", "before", true, "after", false)), path(key, "fields"));

        assertEquals(6, page.getInt("total"), page::prettify);
        assertEquals(1, changes(Map.of("scan", changed, "type", "kms.key")).getInt("total"));
    }

    @Test
    @Order(3)
    void shouldRaiseDriftFindingsNamingChangeWhoAndScanWhenChangesMatterButNotForCosmeticOnes() {
        JsonPath open = viewer().queryParam("status", "open").queryParam("size", 500).get("/api/findings").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> admin = open.getMap("items.find { it.ruleId == 'drift_iam_new_admin_principal' && "
                + "it.resourceArn == 'arn:aws:iam::" + DEV + ":user/mallory' }");
        assertTrue(admin != null, open::prettify);
        assertEquals("critical", admin.get("severity"));
        String message = admin.get("message").toString();
        assertTrue(message.contains("scan " + changed) && message.contains("user/mallory")
                && message.contains("administrator") && message.contains("*"), message);
        Map<String, Object> trust = open.getMap("items.find { it.ruleId == 'drift_iam_role_trust_opened' }");
        assertTrue(trust != null && trust.get("message").toString().contains("arn:aws:iam::333333333333:root"),
                open::prettify);
        Map<String, Object> rotation = open.getMap("items.find { it.ruleId == 'drift_kms_rotation_disabled' }");
        assertTrue(rotation != null && rotation.get("resourceArn").toString().endsWith(KEY), open::prettify);
        List<String> onCi = open.getList("items.findAll { it.resourceArn == 'arn:aws:iam::" + DEV
                + ":user/ci-deployer' && it.ruleId.startsWith('drift_') }.ruleId");
        assertEquals(List.of(), onCi, "a respelled policy raises no drift");

        // A scan without changes leaves drift findings open: they stand for a change until it is accepted.
        lastComplete = scan().getLong("id");
        viewer().get("/api/findings/" + admin.get("id")).then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("open"));
    }

    @Test
    @Order(5)
    void shouldResetDriftScoreAndResolveDriftFindingsWhenAdminAcceptsBaseline() {
        JsonPath before = viewer().queryParam("account", DEV).get("/api/drift").then().statusCode(200).extract()
                .jsonPath();
        long score = before.getLong("[0].score");
        assertTrue(score >= 10 + 10 + 2, "critical admin + critical trust + medium rotation: " + before.prettify());
        assertTrue(before.getInt("[0].changes") >= 5, before::prettify);
        assertTrue(before.getList("[0].trend").size() >= 2, "a score stored per scan: " + before.prettify());
        assertNull(before.get("[0].baselineScanId"));

        viewer().queryParam("account", DEV).post("/api/baselines").then().statusCode(403);
        io.postureaudit.support.Api.admin().queryParam("account", "999999999999").post("/api/baselines").then()
                .statusCode(404);
        JsonPath accepted = io.postureaudit.support.Api.admin().queryParam("account", DEV).post("/api/baselines")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(DEV, accepted.getString("accountId"));
        long baselineScan = accepted.getLong("scanId");

        JsonPath after = viewer().queryParam("account", DEV).get("/api/drift").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(baselineScan, after.getLong("[0].baselineScanId"));
        assertEquals(0, after.getLong("[0].score"), after::prettify);
        assertEquals(0, after.getInt("[0].changes"), after::prettify);
        List<String> stillOpen = viewer().queryParam("status", "open").queryParam("account", DEV)
                .queryParam("size", 500).get("/api/findings").then().extract().jsonPath()
                .getList("items.findAll { it.ruleId.startsWith('drift_') }.ruleId");
        assertEquals(List.of(), stillOpen);
    }

    @Test
    @Order(4)
    void shouldHideDeletedResourcesAndResolveTheirFindingsUnlessAskedFor() {
        String yui = "arn:aws:iam::" + DEV + ":user/yui";
        List<String> live = viewer().queryParam("type", "iam.user").queryParam("account", DEV).get("/api/resources")
                .then().statusCode(200).extract().jsonPath().getList("items.arn");
        assertTrue(!live.contains(yui), () -> "" + live);
        JsonPath all = viewer().queryParam("type", "iam.user").queryParam("account", DEV)
                .queryParam("includeDeleted", true).get("/api/resources").then().statusCode(200).extract().jsonPath();
        assertTrue(all.getList("items.arn").contains(yui));
        assertTrue(all.getString("items.find { it.arn == '" + yui + "' }.deletedAt") != null);
        List<Map<String, Object>> findings = viewer().queryParam("size", 500).get("/api/findings").then()
                .extract().jsonPath().getList("items.findAll { it.resourceArn == '" + yui + "' }");
        assertTrue(!findings.isEmpty(), "yui had findings (untagged user, policy attached directly)");
        assertTrue(findings.stream().allMatch(f -> "resolved".equals(f.get("status"))), () -> "" + findings);
        viewer().contentType("application/json").body(Map.of("principal", yui, "action", "s3:GetObject",
                "resource", "arn:aws:s3:::reports/a.csv")).post("/api/simulate").then().statusCode(404);
    }

    @Test
    @Order(6)
    void shouldNotRecordDeletionsWhenScopeHadGapAndRecordThemOnceReadAgain() {
        FakeIam.Estate dev = TestEnvironment.iam().estate(DEV);
        synchronized (dev) {
            dev.users.removeIf(u -> u.name.equals("mallory"));
        }
        TestEnvironment.aws().denyAlways("iam:GetAccountAuthorizationDetails");
        long gapScan;
        try {
            JsonPath result = scan();
            gapScan = result.getLong("id");
            assertEquals("partial", result.getString("status"));
        } finally {
            TestEnvironment.aws().clearFaults();
        }
        JsonPath during = changes(Map.of("scan", gapScan, "account", DEV));
        assertEquals(0, during.getInt("total"), during::prettify);
        viewer().queryParam("type", "iam.user").queryParam("account", DEV).get("/api/resources").then()
                .body("items.arn", org.hamcrest.Matchers.hasItem("arn:aws:iam::" + DEV + ":user/mallory"));

        JsonPath after = scan();
        JsonPath page = changes(Map.of("scan", after.getLong("id"), "account", DEV));
        Map<String, Object> mallory = change(page, "arn:aws:iam::" + DEV + ":user/mallory");
        assertEquals("deleted", mallory.get("change"));
        assertEquals(lastComplete, ((Number) mallory.get("previousScanId")).longValue(),
                "compared with the last complete read of IAM, not the scan with the gap");
        assertEquals(1, page.getInt("total"), page::prettify);
    }

    @Test
    @Order(7)
    void shouldRefuseBadFiltersAndAnonymousCallers() {
        viewer().queryParam("account", "12345").get("/api/changes").then().statusCode(400)
                .body("error", containsString("12-digit"));
        viewer().queryParam("type", "iam.users").get("/api/changes").then().statusCode(400)
                .body("error", containsString("iam.user"));
        viewer().queryParam("since", "yesterday").get("/api/changes").then().statusCode(400)
                .body("error", containsString("ISO-8601"));
        viewer().queryParam("scan", "abc").get("/api/changes").then().statusCode(400);
        viewer().queryParam("since", "2000-01-01").get("/api/changes").then().statusCode(200);
        RestAssured.given().get("/api/changes").then().statusCode(401);
    }

    @Test
    @Order(8)
    void shouldShowChangesPageWithAwsTextEscapedAndBaselineFormForAdminsOnly() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement insert = c.prepareStatement("insert into resource_change (scan_id, "
                        + "previous_scan_id, account_id, region, resource_type, resource_arn, name, change, fields, "
                        + "actor, detected_at) values (?, ?, ?, 'global', 'iam.role', ?, ?, 'modified', "
                        + "'[{\"path\": \"/description\", \"before\": \"a\", \"after\": \"b\"}]'::jsonb, ?::jsonb, now())")) {
            insert.setLong(1, changed);
            insert.setLong(2, baseline);
            insert.setString(3, DEV);
            insert.setString(4, "arn:aws:iam::" + DEV + ":role/page-test");
            insert.setString(5, "<img src=x onerror=alert(1)>");
            insert.setString(6, "{\"principal\": \"arn:aws:iam::" + DEV + ":user/x\", \"userAgent\": "
                    + "\"<script>alert('ua')</script>\"}");
            insert.executeUpdate();
        }
        String html = viewer().queryParam("account", DEV).get("/changes").then().statusCode(200)
                .contentType("text/html").extract().asString();
        assertTrue(!html.contains("<img src=x") && !html.contains("<script>alert"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("user/mallory") && html.contains("deleted"), "lists the recorded changes");
        assertTrue(html.contains("/rotationEnabled"), "names changed fields");
        assertTrue(html.contains("drift-score"), "shows the drift score");
        assertTrue(!html.contains("/changes/baseline"), "viewers get no baseline form");
        String adminHtml = io.postureaudit.support.Api.admin().get("/changes").then().statusCode(200).extract()
                .asString();
        assertTrue(adminHtml.contains("action=\"/changes/baseline\"") && adminHtml.contains("name=\"_csrf\""),
                adminHtml);
        io.postureaudit.support.Api.admin().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("account", DEV).post("/changes/baseline").then().statusCode(303);
        viewer().queryParam("account", "12").get("/changes").then().statusCode(400);
    }

    @Test
    @Order(9)
    void shouldShowChangesAsTextAndAcceptTheBaselineInARealBrowser() {
        String ja = viewer().header("Accept-Language", "ja").get("/changes").then().statusCode(200).extract().asString();
        assertTrue(ja.contains("ベースライン以降のドリフト") && ja.contains("アクセスへの影響"), "the page speaks Japanese");
        io.postureaudit.support.Browser browser = new io.postureaudit.support.Browser();
        try {
            browser.run("DriftScanTest-changes", () -> {
                org.openqa.selenium.WebDriver d = browser.driver();
                var wait = new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(30));
                d.get(url("/findings"));
                wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login"));
                d.findElement(org.openqa.selenium.By.id("username")).sendKeys("admin");
                d.findElement(org.openqa.selenium.By.id("password")).sendKeys("admin-pass");
                d.findElement(org.openqa.selenium.By.cssSelector("form.stack button[type=submit]")).click();
                wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/findings"));

                d.get(url("/changes?account=" + DEV));
                String text = d.findElement(org.openqa.selenium.By.tagName("main")).getText();
                assertTrue(text.contains("<img src=x onerror=alert(1)>"), "AWS text shows as text: " + text);
                assertTrue(text.contains("<script>alert('ua')</script>"), "the user agent too: " + text);
                assertNoAlert(d);
                org.openqa.selenium.WebElement row = d.findElement(org.openqa.selenium.By.xpath(
                        "//section[@aria-labelledby='drift-heading']//tr[td[1][normalize-space()='" + DEV + "']]"));
                row.findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
                wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/changes?account=" + DEV));
                org.openqa.selenium.WebElement after = d.findElement(org.openqa.selenium.By.xpath(
                        "//section[@aria-labelledby='drift-heading']//tr[td[1][normalize-space()='" + DEV + "']]"));
                assertEquals("0", after.findElement(org.openqa.selenium.By.cssSelector(".drift-score")).getText(),
                        "accepted: no drift since the new baseline");
                assertTrue(after.getText().contains("#"), "the baseline scan is named: " + after.getText());
                assertNoAlert(d);
            });
        } finally {
            browser.close();
        }
    }

    @Test
    @Order(10)
    void shouldNameThePeopleWhoGainOrLoseAGroupsAccessWhenIdentityCenterMembershipChanges() {
        FakeIdentityStore store = TestEnvironment.fake("identitystore");
        store.store(STORE).members.put("g-ops", List.of("u-aiko", "u-kenta"));
        long joined = scan().getLong("id");
        Map<String, Object> join = change(changes(Map.of("scan", joined, "account", DEV)), OPS);
        assertEquals("modified", join.get("change"));
        assertEquals(List.of("USER:kenta@example.com"), path(join, "effect.principals"), "aiko was in ops already");
        assertEquals(List.of("*"), path(join, "effect.granted"));
        assertTrue(this.<List<String>>path(join, "effect.risksAdded").contains("admin"), () -> "" + join);
        JsonPath open = viewer().queryParam("status", "open").queryParam("size", 500).get("/api/findings").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Object> admin = open.getMap("items.find { it.ruleId == 'drift_iam_new_admin_principal' && "
                + "it.resourceArn == '" + OPS + "' }");
        assertTrue(admin != null && admin.get("message").toString().contains("USER:kenta@example.com"),
                open::prettify);

        store.store(STORE).members.put("g-ops", List.of("u-kenta"));
        long left = scan().getLong("id");
        Map<String, Object> leave = change(changes(Map.of("scan", left, "account", DEV)), OPS);
        assertEquals(List.of("USER:aiko@example.com"), path(leave, "effect.principals"));
        assertEquals(List.of("*"), path(leave, "effect.revoked"));
        assertEquals(List.of(), path(leave, "effect.granted"));
    }

    @Test
    @Order(11)
    void shouldNameThePeopleOfAPermissionSetWhenTheCustomerManagedPolicyItReferencesChangesInTheTargetAccount() {
        // ReportsReader (Identity Center in dev) references the customer managed policy /team/reports-read by name;
        // it is provisioned to prod only and assigned there to the readers group, in which only aiko is.
        String prodPolicy = "arn:aws:iam::" + TestEnvironment.PROD + ":policy/team/reports-read";
        String devLookalike = "arn:aws:iam::" + DEV + ":policy/team/reports-read";
        String otherPath = "arn:aws:iam::" + TestEnvironment.PROD + ":policy/other/reports-read";
        FakeIam.Policy prod = policy(TestEnvironment.PROD, prodPolicy, "/team/");
        FakeIam.Policy dev = policy(DEV, devLookalike, "/team/");
        FakeIam.Policy other = policy(TestEnvironment.PROD, otherPath, "/other/");
        TestEnvironment.<FakeIdentityStore>fake("identitystore").group(STORE, "g-readers", "readers", "u-aiko");
        FakeSsoAdmin.PermissionSet reader = TestEnvironment.<FakeSsoAdmin>fake("sso").instances(DEV, TOKYO).get(0)
                .permissionSet("ReportsReader", "PT1H");
        reader.customerPolicies.add(io.postureaudit.fakeaws.FakeJsonService.json(
                "{\"Name\":\"reports-read\",\"Path\":\"/team/\"}"));
        reader.assign(TestEnvironment.PROD, "GROUP", "g-readers");
        scan();

        // A new default version of each: only prod's /team/ policy is the one the set resolves to.
        prod.newDefaultVersion(S3_WRITE);
        dev.newDefaultVersion(S3_WRITE);
        other.newDefaultVersion(S3_WRITE);
        long versioned = scan().getLong("id");
        Map<String, Object> widened = change(changes(Map.of("scan", versioned, "account", TestEnvironment.PROD)),
                prodPolicy);
        assertEquals("modified", widened.get("change"));
        assertEquals(List.of("s3:PutObject"), path(widened, "effect.granted"));
        assertEquals(List.of("USER:aiko@example.com", reader.arn()), path(widened, "effect.principals"),
                () -> "" + widened);
        Map<String, Object> sameNameInDev = change(changes(Map.of("scan", versioned, "account", DEV)), devLookalike);
        assertEquals(List.of("s3:PutObject"), path(sameNameInDev, "effect.granted"), "judged as held by a probe");
        assertEquals(List.of(), path(sameNameInDev, "effect.principals"), "the set is not provisioned to dev");
        Map<String, Object> anotherPath = change(changes(Map.of("scan", versioned, "account",
                TestEnvironment.PROD)), otherPath);
        assertEquals(List.of(), path(anotherPath, "effect.principals"), "the set references /team/, not /other/");

        // Deleted in prod: the reference resolves to nothing there any more, and aiko loses what it gave.
        FakeIam.Estate prodEstate = TestEnvironment.iam().estate(TestEnvironment.PROD);
        synchronized (prodEstate) {
            prodEstate.policies.remove(prod);
        }
        long deleted = scan().getLong("id");
        Map<String, Object> gone = change(changes(Map.of("scan", deleted, "account", TestEnvironment.PROD)),
                prodPolicy);
        assertEquals("deleted", gone.get("change"));
        assertEquals(List.of("s3:GetObject", "s3:ListBucket", "s3:PutObject"), path(gone, "effect.revoked"));
        assertEquals(List.of("USER:aiko@example.com", reader.arn()), path(gone, "effect.principals"));
    }

    private static FakeIam.Policy policy(String account, String arn, String policyPath) {
        FakeIam.Policy p = new FakeIam.Policy("reports-read", arn, io.postureaudit.support.Estates.S3_READ);
        p.path = policyPath;
        FakeIam.Estate estate = TestEnvironment.iam().estate(account);
        synchronized (estate) {
            estate.policies.add(p);
        }
        return p;
    }

    private static void assertNoAlert(org.openqa.selenium.WebDriver d) {
        try {
            d.switchTo().alert();
            throw new AssertionError("an alert opened: injected script ran");
        } catch (org.openqa.selenium.NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @SuppressWarnings("unchecked")
    private <T> T path(Map<String, Object> item, String path) {
        Object node = item;
        for (String part : path.split("\\.")) {
            node = ((Map<String, Object>) node).get(part);
        }
        return (T) node;
    }
}
