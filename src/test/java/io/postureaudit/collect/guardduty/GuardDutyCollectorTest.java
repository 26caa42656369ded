package io.postureaudit.collect.guardduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeGuardDuty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuardDutyCollectorTest {

    static final String ACCOUNT = "333333333333";
    static final String TOKYO = "ap-northeast-1";
    static final String VIRGINIA = "us-east-1";
    CollectorHarness h;
    AccountTarget account = CollectorHarness.account(ACCOUNT, TOKYO, VIRGINIA);

    @BeforeEach
    void start() {
        h = new CollectorHarness();
        h.guardDuty.pageSize(20);
        FakeGuardDuty.Detector d = h.guardDuty.detector(ACCOUNT, TOKYO, "d1", "ENABLED");
        d.feature("S3_DATA_EVENTS", "DISABLED");
        d.feature("EKS_RUNTIME_MONITORING", "ENABLED").withArray("additionalConfiguration").addObject()
                .put("name", "EKS_ADDON_MANAGEMENT").put("status", "ENABLED");
        d.filter("auto-archive-high", "ARCHIVE", 1, "severity", "gte", 7);
        d.filter("noisy", "NOOP", 2, "type", "equals", List.of("Recon:EC2/PortProbeUnprotectedPort"));
        d.administrator = d.detector.objectNode()
                .put("accountId", "999999999999").put("relationshipStatus", "Enabled").put("invitationId", "i-1");
        for (int i = 0; i < 120; i++) {
            d.finding("f" + i, "UnauthorizedAccess:IAMUser/MaliciousIPCaller", i % 10, i >= 110, TOKYO, ACCOUNT);
        }
        h.aws.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void shouldReadDetectorFiltersAdministratorAndOpenFindingsInBatchesOf50() {
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        CollectedResource detector = c.resources().stream().filter(r -> r.type().equals("guardduty.detector"))
                .findFirst().orElseThrow();
        Map<String, Object> d = detector.data();
        assertEquals("arn:aws:guardduty:" + TOKYO + ":" + ACCOUNT + ":detector/d1", detector.arn());
        assertEquals(true, d.get("enabled"));
        assertEquals("SIX_HOURS", d.get("findingPublishingFrequency"));
        assertEquals("2024-03-01T00:00:00Z", d.get("createdAt"));
        assertEquals(List.of(Map.of("name", "S3_DATA_EVENTS", "status", "DISABLED", "additionalConfiguration", List.of()),
                Map.of("name", "EKS_RUNTIME_MONITORING", "status", "ENABLED", "additionalConfiguration",
                        List.of(Map.of("name", "EKS_ADDON_MANAGEMENT", "status", "ENABLED")))), d.get("features"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> filters = (List<Map<String, Object>>) d.get("filters");
        assertEquals("auto-archive-high", filters.get(0).get("name"));
        assertEquals(true, filters.get(0).get("autoArchive"));
        Map<?, ?> criterion = (Map<?, ?>) ((Map<?, ?>) filters.get(0).get("findingCriteria")).get("criterion");
        assertEquals(7, ((Number) ((Map<?, ?>) criterion.get("severity")).get("gte")).intValue());
        assertEquals(false, filters.get(1).get("autoArchive"));
        assertEquals(Map.of("accountId", "999999999999", "relationshipStatus", "Enabled"), d.get("administrator"));
        assertEquals("2026-11-01T00:00:00Z", detector.observed().get("updatedAt"));

        List<CollectedResource> findings = c.resources().stream().filter(r -> r.type().equals("guardduty.finding"))
                .toList();
        assertEquals(110, findings.size(), "archived findings are left out");
        CollectedResource f9 = findings.stream().filter(f -> f.data().get("id").equals("f9")).findFirst().orElseThrow();
        assertEquals(9.0, f9.data().get("severity"));
        assertEquals("critical", f9.data().get("severityLabel"));
        assertEquals("AccessKey", f9.data().get("resourceType"));
        assertEquals("ci", ((Map<?, ?>) ((Map<?, ?>) f9.data().get("resource")).get("accessKeyDetails")).get("userName"));
        assertEquals(3, f9.observed().get("count"));
        assertEquals("2026-11-26T05:00:00Z", f9.observed().get("eventLastSeen"));
        assertEquals(6, h.aws.calls("guardduty:ListFindings"), "110 ids in pages of 20");
        assertEquals(3, h.aws.calls("guardduty:GetFindings"), "110 ids in batches of 50");
    }

    @Test
    void shouldEmitDisabledDetectorWhenRegionHasNone() {
        CollectionContext c = h.run(new GuardDutyCollector(4), account, VIRGINIA);
        assertEquals(List.of(), c.gaps());
        assertEquals(1, c.resources().size());
        CollectedResource none = c.resources().get(0);
        assertEquals("guardduty.detector", none.type());
        assertEquals(VIRGINIA, none.region());
        assertEquals(false, none.data().get("enabled"));
    }

    @Test
    void shouldRecordGapAndNoAbsentDetectorWhenListDetectorsDenied() {
        h.aws.inject("guardduty:ListDetectors", new FakeAws.Fault(403, "AccessDeniedException", "not authorized", 0,
                Integer.MAX_VALUE));
        CollectionContext c = h.run(new GuardDutyCollector(4), account, VIRGINIA);
        assertTrue(c.resources().isEmpty(), "a detector we could not list must not look absent");
        assertEquals("ListDetectors", c.gaps().get(0).operation());
        assertEquals("guardduty", c.gaps().get(0).service());
    }

    @Test
    void shouldRetryThrottledGetFindingsAndRecordResourceGapForDeniedMembers() {
        h.aws.inject("guardduty:GetFindings", new FakeAws.Fault(429, "TooManyRequestsException", "slow down", 0, 2));
        h.aws.inject("guardduty:ListMembers", new FakeAws.Fault(403, "AccessDeniedException", "no", 0, Integer.MAX_VALUE));
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        assertEquals(110, c.resources().stream().filter(r -> r.type().equals("guardduty.finding")).count());
        assertEquals(1, c.gaps().size());
        assertEquals("ListMembers", c.gaps().get(0).operation());
        assertEquals("arn:aws:guardduty:" + TOKYO + ":" + ACCOUNT + ":detector/d1", c.gaps().get(0).resourceArn());
    }

    @Test
    void shouldRecordGapWhenServiceIsSlowBeyondTimeout() {
        h.aws.inject("guardduty:GetDetector", new FakeAws.Fault(503, "ServiceUnavailableException", "down", 0,
                Integer.MAX_VALUE));
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        assertEquals("GetDetector", c.gaps().get(0).operation());
        assertTrue(c.gaps().get(0).error().contains("503"), c.gaps().get(0).error());
        assertTrue(h.aws.calls("guardduty:GetDetector") >= 2, "retried");
    }

    static CollectedResource detector(CollectionContext c) {
        return c.resources().stream().filter(r -> r.type().equals("guardduty.detector")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldReadTheDelegatedAdministratorPerRegionInTheManagementAccount() {
        h.guardDuty.pageSize(1);
        h.guardDuty.managesOrganization(ACCOUNT, TOKYO).addAll(List.of(
                FakeGuardDuty.adminAccount("444444444444", "ENABLED"),
                FakeGuardDuty.adminAccount("222222222222", "DISABLE_IN_PROGRESS")));
        h.guardDuty.managesOrganization(ACCOUNT, VIRGINIA);
        CollectionContext tokyo = h.run(new GuardDutyCollector(4), account, TOKYO);
        CollectionContext virginia = h.run(new GuardDutyCollector(4), account, VIRGINIA);
        assertEquals(List.of(), tokyo.gaps());
        assertEquals(List.of(), virginia.gaps());
        assertEquals(Map.of("answer", "listed", "adminAccounts", List.of(
                Map.of("adminAccountId", "222222222222", "adminStatus", "DISABLE_IN_PROGRESS"),
                Map.of("adminAccountId", "444444444444", "adminStatus", "ENABLED"))),
                detector(tokyo).data().get("organizationAdmin"), "every page, sorted by account");
        assertEquals(Map.of("answer", "listed", "adminAccounts", List.of()),
                detector(virginia).data().get("organizationAdmin"), "the region without a detector says it too");
        assertEquals(3, h.aws.calls("guardduty:ListOrganizationAdminAccounts"), "two pages in Tokyo, one here");
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldReadTheOrganisationConfigurationInTheDelegatedAdministrator() {
        h.guardDuty.pageSize(2);
        FakeGuardDuty.Detector d = h.guardDuty.detectors(ACCOUNT, TOKYO).get(0);
        d.administersOrganization("NEW");
        d.organizationFeature("S3_DATA_EVENTS", "NEW");
        d.organizationFeature("EKS_AUDIT_LOGS", "NONE");
        d.organizationFeature("RUNTIME_MONITORING", "ALL").withArray("additionalConfiguration").addObject()
                .put("name", "EKS_ADDON_MANAGEMENT").put("autoEnable", "NONE");
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        Map<String, Object> config = (Map<String, Object>) detector(c).data().get("organizationConfiguration");
        assertEquals("described", config.get("answer"));
        assertEquals("NEW", config.get("autoEnableOrganizationMembers"));
        assertEquals(true, config.get("autoEnable"));
        assertEquals(false, config.get("memberAccountLimitReached"));
        List<Map<String, Object>> features = (List<Map<String, Object>>) config.get("features");
        assertEquals(List.of("S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING"),
                features.stream().map(f -> f.get("name")).toList(), "every page of features");
        assertEquals(List.of(Map.of("name", "EKS_ADDON_MANAGEMENT", "autoEnable", "NONE")),
                features.get(2).get("additionalConfiguration"));
    }

    @Test
    void shouldRecordAMemberAccountsRefusalsAsFactsNotGaps() {
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps(), "GuardDuty's BadRequestException to a member account is an answer");
        Map<String, Object> data = detector(c).data();
        assertEquals(Map.of("answer", "not-management-account", "adminAccounts", List.of()),
                data.get("organizationAdmin"));
        assertEquals("not-administrator", ((Map<?, ?>) data.get("organizationConfiguration")).get("answer"));
    }

    @Test
    void shouldLeaveTheOrganisationFactsOutWhenTheirCallsFailOrAreDenied() {
        h.guardDuty.managesOrganization(ACCOUNT, TOKYO);
        h.aws.failServer("guardduty:ListOrganizationAdminAccounts", Integer.MAX_VALUE);
        h.aws.inject("guardduty:DescribeOrganizationConfiguration", new FakeAws.Fault(403, "AccessDeniedException",
                "not authorized", 0, Integer.MAX_VALUE));
        CollectionContext c = h.run(new GuardDutyCollector(4), account, TOKYO);
        Map<String, Object> data = detector(c).data();
        assertTrue(!data.containsKey("organizationAdmin") && !data.containsKey("organizationConfiguration"),
                "unknown is not 'none': " + data.keySet());
        assertEquals(List.of("DescribeOrganizationConfiguration", "ListOrganizationAdminAccounts"),
                c.gaps().stream().map(g -> g.operation()).sorted().toList());
        assertTrue(c.gaps().stream().anyMatch(g -> g.error().startsWith("InternalServerErrorException (500)")),
                c.gaps().toString());
        assertTrue(c.gaps().stream().anyMatch(g -> ("arn:aws:guardduty:" + TOKYO + ":" + ACCOUNT + ":detector/d1")
                .equals(g.resourceArn())), "the configuration gap names its detector");
    }
}
