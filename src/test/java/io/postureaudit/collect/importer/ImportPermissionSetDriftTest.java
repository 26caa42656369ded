package io.postureaudit.collect.importer;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsClientFactory;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.Collected;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.scan.ScanService;
import io.postureaudit.support.Estates;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Offline imports name the people a customer managed policy change reaches through a permission set that
 * references it by name, as a live scan does: the Identity Center account and the target account as bundles the
 * AWS CLI printed ({@link CliBundle}), once one bundle per account through {@code POST /api/imports} (the other
 * account comes from the store) and once both accounts in one in-memory scan (the other account comes from memory).
 */
@QuarkusTest
@TestProfile(ImportAttributionTest.OwnDatabase.class)
@QuarkusTestResource(TestEnvironment.class)
class ImportPermissionSetDriftTest {

    static final String TOKYO = "ap-northeast-1";
    static final String S3_WRITE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],
            "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}""";

    @Inject
    AwsClientFactory clients;
    @Inject
    BundleImporter importer;
    @Inject
    ScanService scans;

    /** An Identity Center account whose ReportsReader set references /team/reports-read, assigned into prod. */
    record Estate(String identityCenter, String prod, FakeSsoAdmin.PermissionSet reader, FakeIam.Policy team,
            FakeIam.Policy other) {

        static Estate plant(String identityCenter, String prod, String storeId) {
            FakeIdentityStore store = TestEnvironment.fake("identitystore");
            store.user(storeId, "u-aiko", "aiko@example.com", "Aiko", "Tanaka");
            store.user(storeId, "u-kenta", "kenta@example.com", "Kenta", "Sato");
            store.group(storeId, "g-readers", "readers", "u-aiko");
            FakeSsoAdmin.PermissionSet reader = TestEnvironment.<FakeSsoAdmin>fake("sso")
                    .instance(identityCenter, TOKYO, "ssoins-" + identityCenter, storeId)
                    .permissionSet("ReportsReader", "PT1H");
            reader.customerPolicies.add(FakeJsonService.json("{\"Name\":\"reports-read\",\"Path\":\"/team/\"}"));
            reader.assign(prod, "GROUP", "g-readers");
            return new Estate(identityCenter, prod, reader, policy(prod, "/team/"), policy(prod, "/other/"));
        }

        private static FakeIam.Policy policy(String account, String path) {
            FakeIam.Policy p = new FakeIam.Policy("reports-read", "arn:aws:iam::" + account + ":policy"
                    + path + "reports-read", Estates.S3_READ);
            p.path = path;
            FakeIam.Estate estate = TestEnvironment.iam().estate(account);
            synchronized (estate) {
                estate.reportPollsBeforeReady = 0;
                estate.policies.add(p);
            }
            return p;
        }

        /** A new default version of both: only /team/ is the one the set resolves to. */
        void widen() {
            team.newDefaultVersion(S3_WRITE);
            other.newDefaultVersion(S3_WRITE);
        }
    }

    @Test
    void shouldNameThePersonAndPermissionSetWhenAReferencedPolicyChangesBetweenImportsOfOneAccountEach() {
        Estate estate = Estate.plant("555500001111", "555500002222", "d-import00001");
        importBundle(estate.identityCenter(), bundle(estate.identityCenter()));
        importBundle(estate.prod(), bundle(estate.prod()));

        estate.widen();
        long second = importBundle(estate.prod(), bundle(estate.prod()));

        assertEffects(estate, second);
    }

    @Test
    void shouldNameThePersonAndPermissionSetWhenAReferencedPolicyChangesBetweenImportsOfBothAccountsInMemory() {
        Estate estate = Estate.plant("555500003333", "555500004444", "d-import00002");
        inMemory(estate);

        estate.widen();
        long second = inMemory(estate);

        assertEffects(estate, second);
    }

    private void assertEffects(Estate estate, long scanId) {
        JsonPath changes = viewer().queryParam("scan", scanId).queryParam("account", estate.prod())
                .queryParam("size", 100).get("/api/changes").then().statusCode(200).extract().jsonPath();
        Map<String, Object> widened = change(changes, estate.team().arn);
        assertEquals("modified", widened.get("change"));
        assertEquals(List.of("s3:PutObject"), effect(widened, "granted"), changes::prettify);
        assertEquals(List.of("USER:aiko@example.com", estate.reader().arn()), effect(widened, "principals"),
                changes::prettify);
        Map<String, Object> otherPath = change(changes, estate.other().arn);
        assertEquals(List.of("s3:PutObject"), effect(otherPath, "granted"), "judged as held by a probe");
        assertEquals(List.of(), effect(otherPath, "principals"), "the set references /team/, not /other/");
    }

    /** What the user's CLI prints for the account now, read through its audit role as bundle.sh would be. */
    private ObjectNode bundle(String account) {
        AccountTarget target = new AccountTarget(account, "imported-" + account,
                Optional.of("arn:aws:iam::" + account + ":role/PostureAudit"), Optional.empty(), List.of(TOKYO));
        try (AwsSession session = clients.session(target, "posture-audit-bundle")) {
            return new CliBundle(session).account(List.of(TOKYO)).bundle();
        }
    }

    private static long importBundle(String account, ObjectNode bundle) {
        long id = admin().contentType("application/json").queryParam("account", account)
                .queryParam("name", "imported-" + account).body(bundle.toString()).post("/api/imports").then()
                .statusCode(202).extract().jsonPath().getLong("scanId");
        return finished(id);
    }

    /**
     * Both bundles in one scan, prod first: while prod is stored the Identity Center account is only in memory this
     * time, so its sets, assignments and groups must come from there.
     */
    private long inMemory(Estate estate) {
        List<Collected> both = List.of(estate.prod(), estate.identityCenter()).stream()
                .map(a -> importer.read(a, "imported-" + a, bundle(a), List.of(TOKYO)).collected()).toList();
        return finished(scans.startCollected("import", both, false));
    }

    private static long finished(long id) {
        JsonPath scan = awaitScan(id);
        assertTrue(List.of("succeeded", "partial").contains(scan.getString("status")), scan::prettify);
        return id;
    }

    private static Map<String, Object> change(JsonPath page, String arn) {
        Map<String, Object> item = page.getMap("items.find { it.resourceArn == '" + arn + "' }");
        if (item == null) {
            throw new AssertionError("no change of " + arn + " in " + page.prettify());
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private static List<String> effect(Map<String, Object> change, String member) {
        return (List<String>) ((Map<String, Object>) change.get("effect")).get(member);
    }
}
