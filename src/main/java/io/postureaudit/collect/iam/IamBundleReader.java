package io.postureaudit.collect.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.importer.Bundle;
import io.postureaudit.collect.importer.BundleReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.ListOpenIdConnectProvidersResponse;
import software.amazon.awssdk.services.iam.model.ListSamlProvidersResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;

/**
 * {@code iam:*} calls from an import bundle → the same resources IamCollector and the account-facts helpers
 * produce live, through the same IamNormaliser, CredentialReport and IamAccountFacts code.
 */
public final class IamBundleReader implements BundleReader {

    @Override
    public String service() {
        return "iam";
    }

    @Override
    public java.util.Set<String> operations() {
        return java.util.Set.of("iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport", "iam:GetAccountPasswordPolicy", "iam:GetAccountSummary", "iam:ListVirtualMFADevices", "iam:ListSAMLProviders", "iam:ListServerCertificates", "iam:ListOpenIDConnectProviders", "iam:GetOpenIDConnectProvider", "iam:GetServiceLastAccessedDetails");
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.GLOBAL;
    }

    @Override
    public void read(Bundle bundle, CollectionContext context) {
        IamNormaliser normaliser = new IamNormaliser(context);
        Map<String, List<Map<String, Object>>> lastAccessed = lastAccessed(bundle);
        List<Map<String, Object>> users = new ArrayList<>();
        List<JsonNode> pages = bundle.required(context, "iam", "GetAccountAuthorizationDetails", null, null);
        if (pages != null) {
            for (JsonNode page : pages) {
                var details = Bundle.read(page, GetAccountAuthorizationDetailsResponse::builder);
                details.userDetailList().forEach(u -> users.add(normaliser.user(u)));
                details.groupDetailList().forEach(g -> context.add(normaliser.group(g)));
                details.roleDetailList().forEach(r -> context.add(IamNormaliser.withLastAccessed(normaliser.role(r), lastAccessed)));
                details.policies().forEach(p -> context.add(normaliser.policy(p)));
            }
        }
        CredentialReport report = null;
        List<JsonNode> reports = bundle.required(context, "iam", "GetCredentialReport", null, null);
        if (reports != null) {
            try {
                report = CredentialReport.parse(Bundle.read(reports.get(0), GetCredentialReportResponse::builder)
                        .content().asString(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                context.gap("GetCredentialReport", "Unreadable credential report: " + e.getMessage(), null);
            }
        }
        CredentialReport finalReport = report;
        users.forEach(user -> context.add(normaliser.finishUser(user, finalReport, lastAccessed)));
        if (pages != null || report != null) {
            context.add(normaliser.account(report, facts(bundle, context)));
        }
    }

    /** Optional: GetServiceLastAccessedDetails outputs with {@code @request.Arn} naming the principal. */
    private static Map<String, List<Map<String, Object>>> lastAccessed(Bundle bundle) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (JsonNode o : bundle.outputs("iam", "GetServiceLastAccessedDetails", null)) {
            String arn = o.path(Bundle.REQUEST).path("Arn").asText(null);
            if (arn != null) {
                var entries = out.computeIfAbsent(arn, k -> new ArrayList<>());
                Bundle.read(o, GetServiceLastAccessedDetailsResponse::builder).servicesLastAccessed()
                        .forEach(s -> entries.add(ServiceLastAccessed.entry(s)));
            }
        }
        return out;
    }

    /** The IamAccountFacts keys; {@code {"PasswordPolicy": null}} stands for the CLI's NoSuchEntity. */
    static Map<String, Object> facts(Bundle bundle, CollectionContext context) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<JsonNode> policy = bundle.required(context, "iam", "GetAccountPasswordPolicy", null, null);
        if (policy != null) {
            facts.put("passwordPolicy", IamAccountFacts.passwordPolicy(
                    Bundle.read(policy.get(0), GetAccountPasswordPolicyResponse::builder).passwordPolicy()));
        }
        List<JsonNode> summary = bundle.required(context, "iam", "GetAccountSummary", null, null);
        if (summary != null) {
            facts.put("summary", IamAccountFacts.summary(Bundle.read(summary.get(0),
                    GetAccountSummaryResponse::builder).summaryMapAsStrings()));
        }
        List<JsonNode> mfa = bundle.required(context, "iam", "ListVirtualMFADevices", null, null);
        if (mfa != null) {
            facts.put("virtualMfaDevices", IamAccountFacts.virtualMfaDevices(BundleReader.flatten(mfa,
                    p -> Bundle.read(p, ListVirtualMfaDevicesResponse::builder),
                    ListVirtualMfaDevicesResponse::virtualMFADevices)));
        }
        List<JsonNode> certificates = bundle.required(context, "iam", "ListServerCertificates", null, null);
        if (certificates != null) {
            facts.put("serverCertificates", IamAccountFacts.serverCertificates(BundleReader.flatten(certificates,
                    p -> Bundle.read(p, ListServerCertificatesResponse::builder),
                    ListServerCertificatesResponse::serverCertificateMetadataList)));
        }
        List<JsonNode> saml = bundle.required(context, "iam", "ListSAMLProviders", null, null);
        if (saml != null) {
            facts.put("samlProviders", IamAccountFacts.samlProviders(Bundle.read(saml.get(0),
                    ListSamlProvidersResponse::builder).samlProviderList()));
        }
        List<JsonNode> oidc = bundle.required(context, "iam", "ListOpenIDConnectProviders", null, null);
        if (oidc != null) {
            var arns = Bundle.read(oidc.get(0), ListOpenIdConnectProvidersResponse::builder).openIDConnectProviderList();
            Map<String, GetOpenIdConnectProviderResponse> providers = new LinkedHashMap<>();
            boolean complete = true;
            for (var entry : arns) {
                var outputs = Bundle.forResource(bundle.outputs("iam", "GetOpenIDConnectProvider", null),
                        "OpenIDConnectProviderArn", entry.arn(), o -> false, arns.size() == 1);
                if (outputs.isEmpty()) {
                    complete = false;
                    context.gap("GetOpenIDConnectProvider", "NotInBundle: the import has no "
                            + "\"iam:GetOpenIDConnectProvider\" output for " + entry.arn(), entry.arn());
                } else {
                    providers.put(entry.arn(), Bundle.read(outputs.get(0), GetOpenIdConnectProviderResponse::builder));
                }
            }
            facts.put("oidcProviders", IamAccountFacts.oidcProviders(providers));
            facts.put("oidcProvidersComplete", complete);
        }
        return facts;
    }
}
