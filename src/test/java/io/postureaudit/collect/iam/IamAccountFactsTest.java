package io.postureaudit.collect.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.fakeaws.FakeIamExtras;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamAccountFactsTest {

    static final String ACCOUNT = "666666666666";
    CollectorHarness h;
    FakeIamExtras extras;
    AccountTarget account = CollectorHarness.account(ACCOUNT, "ap-northeast-1");

    @BeforeEach
    void start() {
        h = new CollectorHarness();
        extras = h.aws.handler("iam");
        FakeIamExtras.Account a = extras.account(ACCOUNT);
        a.summary.put("AccountMFAEnabled", 0);
        a.summary.put("AccountAccessKeysPresent", 1);
        a.summary.put("Users", 12);
        a.virtualMfa.put("arn:aws:iam::" + ACCOUNT + ":mfa/alice", "alice");
        a.virtualMfa.put("arn:aws:iam::" + ACCOUNT + ":mfa/orphan", null);
        a.samlProviders.add("okta");
        a.serverCertificates.put("legacy-lb", "2025-03-01T00:00:00Z");
        a.oidcProviders.put("token.actions.githubusercontent.com", List.of("sts.amazonaws.com"));
        String role = "arn:aws:iam::" + ACCOUNT + ":role/deploy";
        a.lastAccessed.put(role, List.of(new String[] {"s3", "2026-11-01T10:00:00Z"}, new String[] {"ec2", null},
                new String[] {"kms", "2026-10-01T10:00:00Z"}));
        h.aws.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    <T> T withContext(java.util.function.Function<CollectionContext, T> work, CollectionContext[] out) {
        try (AwsSession session = h.clients.session(account, "test")) {
            CollectionContext c = new CollectionContext(account, "global", "iam", session);
            out[0] = c;
            return work.apply(c);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldReadAccountFactsAndTreatMissingPasswordPolicyAsFact() {
        CollectionContext[] c = new CollectionContext[1];
        Map<String, Object> facts = withContext(ctx -> IamAccountFacts.read(ctx.aws().iam(), ctx), c);
        assertEquals(List.of(), c[0].gaps());
        assertTrue(facts.containsKey("passwordPolicy"));
        assertNull(facts.get("passwordPolicy"), "NoSuchEntity means: no password policy");
        assertEquals(0, ((Map<String, Object>) facts.get("summary")).get("AccountMFAEnabled"));
        assertEquals(1, ((Map<String, Object>) facts.get("summary")).get("AccountAccessKeysPresent"));
        List<Map<String, Object>> mfa = (List<Map<String, Object>>) facts.get("virtualMfaDevices");
        assertEquals("arn:aws:iam::" + ACCOUNT + ":user/alice", mfa.get(0).get("userArn"));
        assertEquals("2024-01-02T00:00:00Z", mfa.get(0).get("enableDate"));
        assertNull(mfa.get(1).get("userArn"));
        assertEquals("arn:aws:iam::" + ACCOUNT + ":saml-provider/okta",
                ((List<Map<String, Object>>) facts.get("samlProviders")).get(0).get("arn"));
        Map<String, Object> oidc = ((List<Map<String, Object>>) facts.get("oidcProviders")).get(0);
        assertEquals("token.actions.githubusercontent.com", oidc.get("url"));
        assertEquals(List.of("sts.amazonaws.com"), oidc.get("clientIds"));
        Map<String, Object> certificate = ((List<Map<String, Object>>) facts.get("serverCertificates")).get(0);
        assertEquals("legacy-lb", certificate.get("serverCertificateName"));
        assertEquals("2025-03-01T00:00:00Z", certificate.get("expiration"));
        assertEquals("arn:aws:iam::" + ACCOUNT + ":server-certificate/legacy-lb", certificate.get("arn"));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> organizationsFeatures(CollectionContext[] c) {
        Map<String, Object> facts = withContext(ctx -> IamAccountFacts.read(ctx.aws().iam(), ctx), c);
        return (Map<String, Object>) facts.get("organizationsFeatures");
    }

    @Test
    void shouldReadTheOrganisationsRootAccessFeaturesInTheManagementAccount() {
        FakeIamExtras.Account a = extras.account(ACCOUNT);
        a.organizationsRefusal = null;
        a.organizationId = "o-a1b2c3d4e5";
        a.organizationsFeatures.addAll(List.of("RootSessions", "RootCredentialsManagement"));
        CollectionContext[] c = new CollectionContext[1];
        Map<String, Object> features = organizationsFeatures(c);
        assertEquals(List.of(), c[0].gaps());
        assertEquals("listed", features.get("answer"));
        assertEquals("o-a1b2c3d4e5", features.get("organizationId"));
        assertEquals(List.of("RootCredentialsManagement", "RootSessions"), features.get("enabledFeatures"));
    }

    @Test
    void shouldRecordTheDocumentedRefusalsAsFactsNotGaps() {
        Map<String, String> expected = Map.of(
                "AccountNotManagementOrDelegatedAdministratorException", "not-management-account",
                "OrganizationNotFoundException", "no-organization",
                "ServiceAccessNotEnabledException", "trusted-access-disabled",
                "OrganizationNotInAllFeaturesModeException", "not-all-features");
        expected.forEach((code, answer) -> {
            extras.account(ACCOUNT).organizationsRefusal = code;
            CollectionContext[] c = new CollectionContext[1];
            Map<String, Object> features = organizationsFeatures(c);
            assertEquals(List.of(), c[0].gaps(), code);
            assertEquals(answer, features.get("answer"), code);
            assertEquals(List.of(), features.get("enabledFeatures"), code);
            assertNull(features.get("organizationId"), code);
        });
    }

    @Test
    void shouldLeaveTheFeaturesOutWhenTheCallIsDeniedOrFails() {
        extras.account(ACCOUNT).organizationsRefusal = null;
        h.aws.denyAlways("iam:ListOrganizationsFeatures");
        CollectionContext[] c = new CollectionContext[1];
        assertNull(organizationsFeatures(c), "AccessDenied is our role's limit, not the organisation's answer");
        assertEquals("ListOrganizationsFeatures", c[0].gaps().get(0).operation());
        assertTrue(c[0].gaps().get(0).error().startsWith("AccessDenied"), c[0].gaps().get(0).error());

        h.aws.clearFaults();
        h.aws.throttle("iam:ListOrganizationsFeatures", Integer.MAX_VALUE);
        CollectionContext[] throttled = new CollectionContext[1];
        assertNull(organizationsFeatures(throttled));
        assertTrue(throttled[0].gaps().get(0).error().startsWith("Throttling"), throttled[0].gaps().toString());
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldReadPasswordPolicyAndLeaveOutFactsThatWereDenied() {
        extras.account(ACCOUNT).passwordPolicy = Map.of("MinimumPasswordLength", "8", "RequireSymbols", "false",
                "ExpirePasswords", "false", "AllowUsersToChangePassword", "true");
        h.aws.denyAlways("iam:GetAccountSummary");
        CollectionContext[] c = new CollectionContext[1];
        Map<String, Object> facts = withContext(ctx -> IamAccountFacts.read(ctx.aws().iam(), ctx), c);
        Map<String, Object> policy = (Map<String, Object>) facts.get("passwordPolicy");
        assertEquals(8, policy.get("minimumPasswordLength"));
        assertEquals(false, policy.get("requireSymbols"));
        assertFalse(facts.containsKey("summary"), "unknown is not absent");
        assertEquals("GetAccountSummary", c[0].gaps().get(0).operation());
        assertEquals("iam", c[0].gaps().get(0).service());
    }

    @Test
    void shouldPollServiceLastAccessedUntilCompleteAndFollowPages() {
        extras.account(ACCOUNT).pollsBeforeComplete = 2;
        extras.lastAccessedPageSize(2);
        String role = "arn:aws:iam::" + ACCOUNT + ":role/deploy";
        String failing = "arn:aws:iam::" + ACCOUNT + ":user/broken";
        extras.account(ACCOUNT).failingJobs.add(failing);
        ServiceLastAccessed sla = new ServiceLastAccessed(true, 2, "SERVICE_LEVEL", Duration.ofMillis(10),
                Duration.ofSeconds(30), Clock.systemUTC());
        CollectionContext[] c = new CollectionContext[1];
        var result = withContext(ctx -> sla.read(ctx.aws().iam(), List.of(role, failing), ctx), c);
        List<Map<String, Object>> services = result.get(role);
        assertEquals(3, services.size());
        assertEquals(Map.of("serviceNamespace", "s3", "serviceName", "Amazon S3", "lastAuthenticated",
                "2026-11-01T10:00:00Z", "lastAuthenticatedEntity", role, "lastAuthenticatedRegion", "ap-northeast-1",
                "totalAuthenticatedEntities", 1), services.get(0));
        assertNull(services.get(1).get("lastAuthenticated"));
        assertFalse(result.containsKey(failing));
        assertEquals(failing, c[0].gaps().get(0).resourceArn());
        assertTrue(c[0].gaps().get(0).error().startsWith("JobFailed"), c[0].gaps().get(0).error());
        assertEquals(2, h.aws.calls("iam:GenerateServiceLastAccessedDetails"));
    }

    @Test
    void shouldRecordTimeoutGapWhenJobNeverCompletes() {
        extras.account(ACCOUNT).pollsBeforeComplete = Integer.MAX_VALUE;
        ServiceLastAccessed sla = new ServiceLastAccessed(true, 1, "SERVICE_LEVEL", Duration.ofMillis(5),
                Duration.ofMillis(50), Clock.systemUTC());
        CollectionContext[] c = new CollectionContext[1];
        var result = withContext(ctx -> sla.read(ctx.aws().iam(), List.of("arn:aws:iam::" + ACCOUNT + ":role/deploy"),
                ctx), c);
        assertTrue(result.isEmpty());
        assertTrue(c[0].gaps().get(0).error().startsWith("Timeout"), c[0].gaps().get(0).error());
    }

    @Test
    void shouldMakeNoCallsWhenDisabled() {
        ServiceLastAccessed sla = new ServiceLastAccessed(false, 1, "SERVICE_LEVEL", Duration.ofMillis(5),
                Duration.ofMillis(50), Clock.systemUTC());
        CollectionContext[] c = new CollectionContext[1];
        assertTrue(withContext(ctx -> sla.read(ctx.aws().iam(), List.of("arn:aws:iam::1:role/x"), ctx), c).isEmpty());
        assertEquals(0, h.aws.totalCalls());
    }
}
