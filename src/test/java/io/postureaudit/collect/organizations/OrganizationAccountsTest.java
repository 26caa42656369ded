package io.postureaudit.collect.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.Gap;
import io.postureaudit.config.OrganizationConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrganizationAccountsTest {

    @Test
    void shouldListActiveAccountsAcrossPagesWithRoleInEach() {
        try (CollectorHarness h = new CollectorHarness()) {
            h.organizations.pageSize(2);
            h.organizations.account("111111111111", "dev", "ACTIVE");
            h.organizations.account("222222222222", "staging", "ACTIVE");
            h.organizations.account("333333333333", "old", "SUSPENDED");
            h.organizations.account("444444444444", "prod", "ACTIVE");
            h.organizations.account("555555555555", "sandbox", "ACTIVE");
            OrganizationConfig config = CollectorHarness.mapping(OrganizationConfig.class, Map.of(
                    "posture.organization.enabled", "true",
                    "posture.organization.management-account-id", "999999999999",
                    "posture.organization.management-role-arn", "arn:aws:iam::999999999999:role/org-reader",
                    "posture.organization.role-name", "PostureAudit",
                    "posture.organization.external-id", "ext-42",
                    "posture.organization.exclude", "555555555555"));
            List<AccountTarget> targets = new OrganizationAccounts(config, h.config, h.clients).discover()
                    .accounts();
            assertEquals(List.of("111111111111", "222222222222", "444444444444"),
                    targets.stream().map(AccountTarget::id).toList());
            AccountTarget prod = targets.get(2);
            assertEquals("prod", prod.name());
            assertEquals(Optional.of("arn:aws:iam::444444444444:role/PostureAudit"), prod.roleArn());
            assertEquals(Optional.of("ext-42"), prod.externalId());
            assertEquals(List.of("ap-northeast-1", "us-east-1"), prod.regions());
            assertEquals(3, h.aws.calls("organizations:ListAccounts"));
            assertEquals("arn:aws:iam::999999999999:role/org-reader", h.sts.assumeRoleCalls.get(0).get("roleArn"));
            assertEquals("posture-audit-discovery", h.sts.assumeRoleCalls.get(0).get("sessionName"));
        }
    }

    @Test
    void shouldDiscoverNothingWhenDisabled() {
        try (CollectorHarness h = new CollectorHarness()) {
            OrganizationConfig config = CollectorHarness.mapping(OrganizationConfig.class, Map.of());
            assertTrue(new OrganizationAccounts(config, h.config, h.clients).discover().accounts().isEmpty());
            assertEquals(0, h.aws.totalCalls());
        }
    }

    @Test
    void shouldReportOneGapOfTheManagementAccountWhenListingIsDenied() {
        try (CollectorHarness h = new CollectorHarness()) {
            h.organizations.account("111111111111", "dev", "ACTIVE");
            h.aws.denyAlways("organizations:ListAccounts");
            OrganizationConfig config = CollectorHarness.mapping(OrganizationConfig.class, Map.of(
                    "posture.organization.enabled", "true",
                    "posture.organization.management-account-id", "999999999999"));
            OrganizationAccounts.Discovery found = new OrganizationAccounts(config, h.config, h.clients).discover();
            assertEquals(List.of(), found.accounts());
            assertEquals(1, found.gaps().size());
            Gap gap = found.gaps().get(0);
            assertEquals(List.of("999999999999", "global", "organizations", "ListAccounts"),
                    List.of(gap.accountId(), gap.region(), gap.service(), gap.operation()));
            assertTrue(gap.error().startsWith("AccessDenied (403): "), gap.error());
        }
    }
}
