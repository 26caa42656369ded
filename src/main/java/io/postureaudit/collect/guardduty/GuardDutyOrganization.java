package io.postureaudit.collect.guardduty;

import io.postureaudit.collect.AwsErrors;
import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.AdminAccount;
import software.amazon.awssdk.services.guardduty.model.DescribeOrganizationConfigurationResponse;
import software.amazon.awssdk.services.guardduty.model.OrganizationFeatureConfigurationResult;

/**
 * GuardDuty's organisation view of one region: the delegated administrator as the management account sees it
 * ({@code ListOrganizationAdminAccounts}) and a detector's organisation configuration as the delegated
 * administrator sees it ({@code DescribeOrganizationConfiguration}). Any other account is refused with
 * {@code BadRequestException} ("you do not have required AWS Organization master permission"): that is a fact
 * about the account, recorded as such; a denial, throttle or server error is a gap and leaves the fact out.
 */
public final class GuardDutyOrganization {

    /** ListOrganizationAdminAccounts answered: this is the organisation's management account. */
    public static final String LISTED = "listed";
    /** ListOrganizationAdminAccounts refused: not the management account (judged there). */
    public static final String NOT_MANAGEMENT = "not-management-account";
    /** DescribeOrganizationConfiguration answered: this detector is the region's delegated administrator. */
    public static final String DESCRIBED = "described";
    /** DescribeOrganizationConfiguration refused: this detector administers no organisation. */
    public static final String NOT_ADMINISTRATOR = "not-administrator";

    /** The code GuardDuty answers an account that does not hold the organisation role asked for. */
    static final String REFUSAL = "BadRequestException";

    private GuardDutyOrganization() {
    }

    /** The region's delegated administrators for {@code guardduty.detector.organizationAdmin}, or empty (a gap). */
    public static Optional<Map<String, Object>> admins(GuardDutyClient gd, CollectionContext context) {
        try {
            List<AdminAccount> accounts = gd.listOrganizationAdminAccountsPaginator(r -> r.maxResults(50))
                    .adminAccounts().stream().sorted(Comparator.comparing(AdminAccount::adminAccountId)).toList();
            List<Object> out = new ArrayList<>();
            for (AdminAccount a : accounts) {
                Map<String, Object> admin = new LinkedHashMap<>();
                admin.put("adminAccountId", a.adminAccountId());
                admin.put("adminStatus", a.adminStatusAsString());
                out.add(admin);
            }
            return Optional.of(admins(LISTED, out));
        } catch (SdkException e) {
            if (REFUSAL.equals(Calls.errorCode(e))) {
                return Optional.of(admins(NOT_MANAGEMENT, List.of()));
            }
            context.gap("ListOrganizationAdminAccounts", e);
            return Optional.empty();
        }
    }

    /** One detector's organisation configuration, or empty after a gap naming the detector. */
    public static Optional<Map<String, Object>> configuration(GuardDutyClient gd, String detectorId, String arn,
            CollectionContext context) {
        try {
            DescribeOrganizationConfigurationResponse first = null;
            List<Object> features = new ArrayList<>();
            for (var page : gd.describeOrganizationConfigurationPaginator(r -> r.detectorId(detectorId)
                    .maxResults(50))) {
                first = first == null ? page : first;
                page.features().forEach(f -> features.add(feature(f)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("answer", DESCRIBED);
            out.put("autoEnableOrganizationMembers", first == null ? null : first.autoEnableOrganizationMembersAsString());
            out.put("autoEnable", first == null ? null : first.autoEnable());
            out.put("memberAccountLimitReached", first == null ? null : first.memberAccountLimitReached());
            out.put("features", features);
            return Optional.of(out);
        } catch (SdkException e) {
            if (REFUSAL.equals(Calls.errorCode(e))) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("answer", NOT_ADMINISTRATOR);
                out.put("autoEnableOrganizationMembers", null);
                out.put("autoEnable", null);
                out.put("memberAccountLimitReached", null);
                out.put("features", List.of());
                return Optional.of(out);
            }
            context.gap("DescribeOrganizationConfiguration", AwsErrors.describe(e), arn);
            return Optional.empty();
        }
    }

    private static Map<String, Object> admins(String answer, List<Object> accounts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("answer", answer);
        out.put("adminAccounts", accounts);
        return out;
    }

    private static Map<String, Object> feature(OrganizationFeatureConfigurationResult f) {
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("name", f.nameAsString());
        feature.put("autoEnable", f.autoEnableAsString());
        List<Object> extra = new ArrayList<>();
        f.additionalConfiguration().forEach(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.nameAsString());
            m.put("autoEnable", a.autoEnableAsString());
            extra.add(m);
        });
        feature.put("additionalConfiguration", extra);
        return feature;
    }
}
