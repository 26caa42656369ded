package io.postureaudit.collect.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.Gap;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeKms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KmsCollectorTest {

    static final String ACCOUNT = "222222222222";
    static final String REGION = "ap-northeast-1";
    CollectorHarness h;
    AccountTarget account = CollectorHarness.account(ACCOUNT, REGION);

    @BeforeEach
    void start() {
        h = new CollectorHarness();
        h.kms.pageSize(2);
        FakeKms.Key rotated = h.kms.customerKey(ACCOUNT, REGION, "1111aaaa-0000-4000-8000-000000000001");
        rotated.rotationEnabled = true;
        rotated.rotationPeriodInDays = 365;
        rotated.grants.add(FakeKms.json("{\"GrantId\":\"g1\",\"KeyId\":\"" + rotated.arn() + "\",\"GranteePrincipal\":"
                + "\"arn:aws:iam::" + ACCOUNT + ":role/app\",\"Operations\":[\"Decrypt\",\"Encrypt\"],"
                + "\"IssuingAccount\":\"arn:aws:iam::" + ACCOUNT + ":root\",\"CreationDate\":1714521600}"));
        h.kms.alias(ACCOUNT, REGION, "alias/app", rotated.id());
        FakeKms.Key pending = h.kms.customerKey(ACCOUNT, REGION, "2222bbbb-0000-4000-8000-000000000002");
        pending.metadata.put("KeyState", "PendingDeletion").put("Enabled", false).put("DeletionDate", 1767225600)
                .put("PendingDeletionWindowInDays", 30);
        FakeKms.Key managed = h.kms.customerKey(ACCOUNT, REGION, "3333cccc-0000-4000-8000-000000000003");
        managed.metadata.put("KeyManager", "AWS").put("Description", "Default key for S3");
        managed.rotationEnabled = true;
        h.kms.alias(ACCOUNT, REGION, "alias/aws/s3", managed.id());
        h.kms.customerKey(ACCOUNT, REGION, "4444dddd-0000-4000-8000-000000000004").policy =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                        + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
        h.aws.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    CollectionContext run() {
        return h.run(new KmsCollector(4), account, REGION);
    }

    static CollectedResource byId(CollectionContext c, String keyId) {
        return c.resources().stream().filter(r -> r.data().get("keyId").equals(keyId)).findFirst().orElseThrow();
    }

    @Test
    void shouldReadEveryFieldWhenKeysSpanPages() {
        CollectionContext c = run();
        assertEquals(List.of(), c.gaps());
        assertEquals(4, c.resources().size());
        CollectedResource rotated = byId(c, "1111aaaa-0000-4000-8000-000000000001");
        Map<String, Object> d = rotated.data();
        assertEquals("kms.key", rotated.type());
        assertEquals(REGION, rotated.region());
        assertEquals(ACCOUNT, rotated.accountId());
        assertEquals("alias/app", rotated.name());
        assertEquals("arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/1111aaaa-0000-4000-8000-000000000001", rotated.arn());
        assertEquals(true, d.get("customerManaged"));
        assertEquals("CUSTOMER", d.get("manager"));
        assertEquals("Enabled", d.get("state"));
        assertEquals("SYMMETRIC_DEFAULT", d.get("spec"));
        assertEquals("ENCRYPT_DECRYPT", d.get("usage"));
        assertEquals("AWS_KMS", d.get("origin"));
        assertEquals(false, d.get("multiRegion"));
        assertEquals("2024-05-01T00:00:00Z", d.get("creationDate"));
        assertEquals(true, d.get("rotationEnabled"));
        assertEquals(365, d.get("rotationPeriodInDays"));
        assertEquals(List.of("alias/app"), d.get("aliases"));
        @SuppressWarnings("unchecked")
        Map<String, Object> grant = ((List<Map<String, Object>>) d.get("grants")).get(0);
        assertEquals(List.of("Decrypt", "Encrypt"), grant.get("operations"));
        assertEquals("arn:aws:iam::" + ACCOUNT + ":role/app", grant.get("granteePrincipal"));
        @SuppressWarnings("unchecked")
        Map<String, Object> policy = (Map<String, Object>) d.get("policy");
        @SuppressWarnings("unchecked")
        Map<String, Object> statement = ((List<Map<String, Object>>) policy.get("Statement")).get(0);
        assertEquals(Map.of("AWS", List.of("arn:aws:iam::" + ACCOUNT + ":root")), statement.get("Principal"));
        assertEquals(List.of("kms:*"), statement.get("Action"));

        Map<String, Object> pending = byId(c, "2222bbbb-0000-4000-8000-000000000002").data();
        assertEquals("PendingDeletion", pending.get("state"));
        assertEquals("2026-01-01T00:00:00Z", pending.get("deletionDate"));
        assertEquals(30, pending.get("pendingDeletionWindowInDays"));
        assertNull(pending.get("rotationEnabled"), "rotation cannot be read for a key pending deletion");
        assertEquals(false, pending.get("rotationApplies"));

        Map<String, Object> managed = byId(c, "3333cccc-0000-4000-8000-000000000003").data();
        assertEquals(false, managed.get("customerManaged"));
        assertEquals(List.of("alias/aws/s3"), managed.get("aliases"));

        Map<String, Object> open = byId(c, "4444dddd-0000-4000-8000-000000000004").data();
        assertEquals(false, open.get("rotationEnabled"));
        assertNull(open.get("rotationPeriodInDays"));
        assertEquals(List.of(), open.get("aliases"));
        assertEquals(List.of(), open.get("grants"));
        assertEquals(2, h.aws.calls("kms:ListKeys"), "two pages of two keys");
        assertEquals(4, h.aws.calls("kms:DescribeKey"));
        assertEquals(3, h.aws.calls("kms:GetKeyRotationStatus"), "not asked for the key pending deletion");
        assertEquals(1, h.aws.calls("kms:ListAliases"), "aliases read once per region, not per key");
    }

    @Test
    void shouldRecordScopeGapWhenListKeysDenied() {
        h.aws.denyAlways("kms:ListKeys");
        CollectionContext c = run();
        assertTrue(c.resources().isEmpty());
        Gap gap = c.gaps().get(0);
        assertEquals(new Gap(ACCOUNT, REGION, "kms", "ListKeys", gap.error()), gap);
        assertTrue(gap.error().startsWith("AccessDenied (403)"), gap.error());
    }

    @Test
    void shouldRecordGapWhenRegionIsNotEnabled() {
        h.aws.inject("kms:ListKeys", new FakeAws.Fault(400, "UnrecognizedClientException",
                "The security token included in the request is invalid.", 0, Integer.MAX_VALUE));
        CollectionContext c = run();
        assertEquals(1, c.gaps().size());
        assertTrue(c.gaps().get(0).error().startsWith("UnrecognizedClientException (400)"), c.gaps().get(0).error());
    }

    @Test
    void shouldKeepOtherKeysWhenOneKeyPolicyIsDenied() {
        h.aws.inject("kms:GetKeyPolicy", new FakeAws.Fault(400, "AccessDeniedException", "not allowed", 0, 1));
        CollectionContext c = run();
        assertEquals(4, c.resources().size());
        assertEquals(1, c.gaps().size());
        Gap gap = c.gaps().get(0);
        assertEquals("GetKeyPolicy", gap.operation());
        assertTrue(gap.resourceArn().startsWith("arn:aws:kms:" + REGION), gap.resourceArn());
        long withoutPolicy = c.resources().stream().filter(r -> r.data().get("policy") == null).count();
        assertEquals(1, withoutPolicy);
    }

    @Test
    void shouldRetryWhenThrottledIncludingHttp429() {
        h.aws.throttle("kms:DescribeKey", 2);
        h.aws.inject("kms:ListGrants", new FakeAws.Fault(429, "ThrottlingException", "Rate exceeded", 0, 1));
        CollectionContext c = run();
        assertEquals(List.of(), c.gaps());
        assertEquals(4, c.resources().size());
        assertEquals(6, h.aws.calls("kms:DescribeKey"));
    }

    @Test
    void shouldGiveUpWithGapWhenThrottlingNeverEnds() {
        h.aws.throttle("kms:ListAliases", Integer.MAX_VALUE);
        CollectionContext c = run();
        assertEquals(4, c.resources().size(), "keys are still collected");
        assertEquals("ListAliases", c.gaps().get(0).operation());
        assertTrue(c.gaps().get(0).error().startsWith("ThrottlingException (400)"), c.gaps().get(0).error());
        assertFalse(h.aws.calls("kms:ListAliases") < 2, "retried before giving up");
    }

    @Test
    void shouldRecordResourceGapWhenKeyPolicyIsMalformed() {
        h.kms.customerKey(ACCOUNT, REGION, "5555eeee-0000-4000-8000-000000000005").policy =
                "{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"kms:*\"}]}";
        CollectionContext c = run();
        Gap gap = c.gaps().get(0);
        assertEquals("GetKeyPolicy", gap.operation());
        assertTrue(gap.error().contains("$.Statement[0].Effect"), gap.error());
        assertNull(byId(c, "5555eeee-0000-4000-8000-000000000005").data().get("policy"));
    }
}
