package io.postureaudit.collect.iam;

import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.Dates;
import io.postureaudit.collect.SdkJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Account-level IAM facts that belong on the {@code iam.account} resource: password policy, account summary,
 * virtual MFA devices, SAML and OIDC providers, the organisation's centralised root access. A key is left out
 * when its call failed (a gap says why), so that "unknown" never reads as "absent"; {@code passwordPolicy: null}
 * means the account has no password policy.
 */
public final class IamAccountFacts {

    private IamAccountFacts() {
    }

    /** Reads every fact; the result's keys merge into the iam.account resource's {@code data}. */
    public static Map<String, Object> read(IamClient iam, CollectionContext context) {
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            facts.put("passwordPolicy", passwordPolicy(iam.getAccountPasswordPolicy().passwordPolicy()));
        } catch (NoSuchEntityException e) {
            facts.put("passwordPolicy", null);
        } catch (SdkException e) {
            context.gap("GetAccountPasswordPolicy", e);
        }
        Calls.scope(context, "GetAccountSummary", () -> iam.getAccountSummary().summaryMapAsStrings())
                .ifPresent(map -> facts.put("summary", summary(map)));
        Calls.scope(context, "ListVirtualMFADevices", () -> iam.listVirtualMFADevicesPaginator().virtualMFADevices()
                .stream().toList()).ifPresent(list -> facts.put("virtualMfaDevices", virtualMfaDevices(list)));
        Calls.scope(context, "ListServerCertificates", () -> iam.listServerCertificatesPaginator()
                .serverCertificateMetadataList().stream().toList())
                .ifPresent(list -> facts.put("serverCertificates", serverCertificates(list)));
        Calls.scope(context, "ListSAMLProviders", () -> iam.listSAMLProviders().samlProviderList())
                .ifPresent(list -> facts.put("samlProviders", samlProviders(list)));
        Calls.scope(context, "ListOpenIDConnectProviders", () -> iam.listOpenIDConnectProviders()
                .openIDConnectProviderList()).ifPresent(list -> {
                    Map<String, GetOpenIdConnectProviderResponse> providers = new LinkedHashMap<>();
                    boolean complete = true;
                    for (var entry : list) {
                        var provider = Calls.resource(context, "GetOpenIDConnectProvider", entry.arn(),
                                () -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(entry.arn())));
                        provider.ifPresent(p -> providers.put(entry.arn(), p));
                        complete &= provider.isPresent();
                    }
                    facts.put("oidcProviders", oidcProviders(providers));
                    facts.put("oidcProvidersComplete", complete);
                });
        OrganizationsFeatures.read(iam, context).ifPresent(f -> facts.put("organizationsFeatures", f));
        return facts;
    }

    public static Map<String, Object> passwordPolicy(PasswordPolicy policy) {
        return policy == null ? null : SdkJson.camelMap(policy);
    }

    /** AWS's own key names (AccountMFAEnabled, AccountAccessKeysPresent, …), sorted for stable versions. */
    public static Map<String, Object> summary(Map<String, Integer> summary) {
        return new TreeMap<>(summary);
    }

    public static List<Object> virtualMfaDevices(List<VirtualMFADevice> devices) {
        List<Object> out = new ArrayList<>();
        for (VirtualMFADevice d : devices) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("serialNumber", d.serialNumber());
            device.put(IamFields.USER_ARN, d.user() == null ? null : d.user().arn());
            device.put("userName", d.user() == null ? null : d.user().userName());
            device.put("enableDate", Dates.iso(d.enableDate()));
            out.add(device);
        }
        return out;
    }

    /** IAM server certificates (used by load balancers and CloudFront before ACM): name and expiry. */
    public static List<Object> serverCertificates(List<ServerCertificateMetadata> certificates) {
        return certificates.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("serverCertificateName", c.serverCertificateName());
            m.put("serverCertificateId", c.serverCertificateId());
            m.put("arn", c.arn());
            m.put("path", c.path());
            m.put("uploadDate", c.uploadDate() == null ? null : c.uploadDate().toString());
            m.put("expiration", c.expiration() == null ? null : c.expiration().toString());
            return (Object) m;
        }).toList();
    }

    public static List<Object> samlProviders(List<SAMLProviderListEntry> providers) {
        List<Object> out = new ArrayList<>();
        for (SAMLProviderListEntry p : providers) {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("arn", p.arn());
            provider.put("validUntil", Dates.iso(p.validUntil()));
            provider.put("createDate", Dates.iso(p.createDate()));
            out.add(provider);
        }
        return out;
    }

    /** {@code providers} by ARN. */
    public static List<Object> oidcProviders(Map<String, GetOpenIdConnectProviderResponse> providers) {
        List<Object> out = new ArrayList<>();
        providers.forEach((arn, p) -> {
            Map<String, Object> provider = new LinkedHashMap<>();
            provider.put("arn", arn);
            provider.put("url", p.url());
            provider.put("clientIds", p.clientIDList());
            provider.put("thumbprints", p.thumbprintList());
            provider.put("createDate", Dates.iso(p.createDate()));
            out.add(provider);
        });
        return out;
    }
}
