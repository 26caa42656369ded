package io.postureaudit.collect.organizations;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsClientFactory;
import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.Gap;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.config.OrganizationConfig;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.model.Account;

/**
 * AWS Organizations discovery: the active accounts of the organisation, each as an {@link AccountTarget} that
 * assumes {@code posture.organization.role-name} in that account. Empty when discovery is off.
 */
@ApplicationScoped
public class OrganizationAccounts {

    /** Session name that shows up in CloudTrail of the management account. */
    static final String SESSION_NAME = "posture-audit-discovery";

    private final OrganizationConfig organization;
    private final PostureConfig posture;
    private final AwsClientFactory clients;

    public OrganizationAccounts(OrganizationConfig organization, PostureConfig posture, AwsClientFactory clients) {
        this.organization = organization;
        this.posture = posture;
        this.clients = clients;
    }

    /** The accounts found, or the gap that says the organisation could not be listed (never a silent shorter list). */
    public record Discovery(List<AccountTarget> accounts, List<Gap> gaps) {

        public Discovery {
            accounts = List.copyOf(accounts);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * Lists ACTIVE accounts through organizations:ListAccounts. When the listing fails, no account is discovered
     * and the failure is one gap of the management account, so that the scan reports it instead of silently
     * scanning fewer accounts.
     */
    public Discovery discover() {
        if (!organization.enabled()) {
            return new Discovery(List.of(), List.of());
        }
        String management = organization.managementAccountId().orElseThrow(() -> new IllegalStateException(
                "posture.organization.management-account-id must be set when posture.organization.enabled=true,"
                        + " found nothing"));
        AccountTarget caller = new AccountTarget(management, "organization-management",
                organization.managementRoleArn(), organization.externalId().filter(x ->
                        organization.managementRoleArn().isPresent()), List.of());
        List<String> regions = organization.regions().orElse(posture.aws().regions());
        Set<String> excluded = Set.copyOf(organization.exclude().orElse(List.of()));
        List<AccountTarget> targets = new ArrayList<>();
        try (AwsSession session = clients.session(caller, SESSION_NAME)) {
            for (Account account : session.organizations().listAccountsPaginator().stream().flatMap(p -> p.accounts().stream()).toList()) {
                if ("ACTIVE".equals(account.statusAsString()) && !excluded.contains(account.id())) {
                    targets.add(target(account, regions));
                }
            }
        } catch (SdkException e) {
            return new Discovery(List.of(), List.of(new Gap(management, ResourceTypes.GLOBAL_REGION, "organizations",
                    "ListAccounts", AwsErrors.describe(e))));
        }
        return new Discovery(targets, List.of());
    }

    private AccountTarget target(Account account, List<String> regions) {
        String roleArn = "arn:aws:iam::" + account.id() + ":role/" + organization.roleName();
        return new AccountTarget(account.id(), account.name(), Optional.of(roleArn), organization.externalId(),
                regions);
    }
}
