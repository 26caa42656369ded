package io.postureaudit.collect.iam;

import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Centralised root access of the organisation ({@code iam:ListOrganizationsFeatures}) as a fact of the account.
 * IAM answers it only in the management account or the delegated administrator for IAM; its documented
 * refusals are facts too (a member account, no organisation, trusted access for IAM off, an organisation
 * without all features), while a denial, throttle or server error is a gap and leaves the fact out.
 */
public final class OrganizationsFeatures {

    /** The call answered: this account manages the organisation's root access. */
    public static final String LISTED = "listed";
    /** AccountNotManagementOrDelegatedAdministrator: judged in the management account, not here. */
    public static final String NOT_MANAGEMENT = "not-management-account";
    /** OrganizationNotFound: a standalone account, nothing to centralise. */
    public static final String NO_ORGANIZATION = "no-organization";
    /** ServiceAccessNotEnabled: trusted access for IAM is off, so no feature can be on. */
    public static final String TRUSTED_ACCESS_OFF = "trusted-access-disabled";
    /** OrganizationNotInAllFeaturesMode: consolidated billing only, so no feature can be on. */
    public static final String NOT_ALL_FEATURES = "not-all-features";

    /** IAM's error codes as the SDK model names them (with "Exception"); the API reference omits the suffix. */
    private static final Map<String, String> REFUSALS = Map.of(
            "AccountNotManagementOrDelegatedAdministrator", NOT_MANAGEMENT,
            "OrganizationNotFound", NO_ORGANIZATION,
            "ServiceAccessNotEnabled", TRUSTED_ACCESS_OFF,
            "OrganizationNotInAllFeaturesMode", NOT_ALL_FEATURES);

    private OrganizationsFeatures() {
    }

    /** The fact for {@code iam.account.organizationsFeatures}, or empty after recording a gap. */
    public static Optional<Map<String, Object>> read(IamClient iam, CollectionContext context) {
        try {
            var answer = iam.listOrganizationsFeatures(r -> { });
            return Optional.of(fact(LISTED, answer.organizationId(),
                    answer.enabledFeaturesAsStrings().stream().sorted().toList()));
        } catch (SdkException e) {
            String refusal = refusal(Calls.errorCode(e));
            if (refusal == null) {
                context.gap("ListOrganizationsFeatures", e);
                return Optional.empty();
            }
            return Optional.of(fact(refusal, null, List.of()));
        }
    }

    /** The answer a documented refusal stands for, or null when {@code errorCode} is not one of them. */
    static String refusal(String errorCode) {
        if (errorCode == null) {
            return null;
        }
        String code = errorCode.endsWith("Exception")
                ? errorCode.substring(0, errorCode.length() - "Exception".length()) : errorCode;
        return REFUSALS.get(code);
    }

    private static Map<String, Object> fact(String answer, String organizationId, List<String> features) {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("answer", answer);
        fact.put("organizationId", organizationId);
        fact.put("enabledFeatures", features);
        return fact;
    }
}
