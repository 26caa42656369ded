package io.postureaudit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/**
 * AWS Organizations discovery under {@code posture.organization.*}: list the organisation's active accounts from
 * the management (or delegated administrator) account and scan each through a role of the same name.
 */
@ConfigMapping(prefix = "posture.organization")
public interface OrganizationConfig {

    @WithDefault("false")
    boolean enabled();

    /** The account that may call organizations:ListAccounts (management or delegated administrator). */
    @WithName("management-account-id")
    Optional<String> managementAccountId();

    /** Role to assume in the management account for ListAccounts; unset = default credentials as they are. */
    @WithName("management-role-arn")
    Optional<String> managementRoleArn();

    /** Role name assumed in every discovered account, e.g. {@code PostureAuditRole}. */
    @WithName("role-name")
    @WithDefault("PostureAuditRole")
    String roleName();

    @WithName("external-id")
    Optional<String> externalId();

    /** Regions for discovered accounts; unset = {@code posture.aws.regions}. */
    Optional<List<String>> regions();

    /** Account ids never scanned even when active (e.g. suspended sandboxes not yet closed). */
    Optional<List<String>> exclude();
}
