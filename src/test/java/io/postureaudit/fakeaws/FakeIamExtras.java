package io.postureaudit.fakeaws;

import static io.postureaudit.fakeaws.FakeIam.el;
import static io.postureaudit.fakeaws.FakeIam.metadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IAM account-level calls (password policy, account summary, virtual MFA, SAML/OIDC providers, the
 * organisation's centralised root access features with their documented refusals) and the
 * service-last-accessed jobs, over Query/XML; everything else goes to the {@link FakeIam} it wraps.
 */
public final class FakeIamExtras extends QueryXmlHandler {

    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private final FakeIam iam;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobIds = new AtomicInteger();
    private volatile int lastAccessedPageSize = 100;

    /** One account's facts. {@code passwordPolicy} null answers NoSuchEntity. */
    public static final class Account {
        public Map<String, String> passwordPolicy;
        public final Map<String, Integer> summary = new LinkedHashMap<>();
        /** serial → user name (null = unassigned). */
        public final Map<String, String> virtualMfa = new LinkedHashMap<>();
        public final List<String> samlProviders = new ArrayList<>();
        /** Server certificate name → expiration (ISO-8601). */
        public final Map<String, String> serverCertificates = new LinkedHashMap<>();
        /** OIDC provider URL (without https://) → client ids. */
        public final Map<String, List<String>> oidcProviders = new LinkedHashMap<>();
        /** Principal ARN → [serviceNamespace, lastAuthenticated or null]. */
        public final Map<String, List<String[]>> lastAccessed = new LinkedHashMap<>();
        public volatile int pollsBeforeComplete = 1;
        /** Principal ARNs whose job ends FAILED. */
        public final List<String> failingJobs = new ArrayList<>();
        /** Centralised root access features ({@code RootCredentialsManagement}, {@code RootSessions}). */
        public final List<String> organizationsFeatures = new ArrayList<>();
        public String organizationId = "o-exampleorg01";
        /**
         * How ListOrganizationsFeatures is refused (IAM's error code), or null when it answers: by default the
         * account belongs to no organisation, as a fresh account.
         */
        public String organizationsRefusal = "OrganizationNotFoundException";
    }

    /** IAM's messages for the refusals of ListOrganizationsFeatures, by error code. */
    private static final Map<String, String> ORGANIZATIONS_REFUSALS = Map.of(
            "AccountNotManagementOrDelegatedAdministratorException", "The request was rejected because the account"
                    + " making the request is not the management account or delegated administrator account for"
                    + " centralized root access.",
            "OrganizationNotFoundException", "The request was rejected because no organization is associated with"
                    + " your account.",
            "OrganizationNotInAllFeaturesModeException", "The request was rejected because your organization does"
                    + " not have All features enabled.",
            "ServiceAccessNotEnabledException", "The request was rejected because trusted access is not enabled for"
                    + " IAM in AWS Organizations.");

    private record Job(String accountId, String arn, AtomicInteger polls) {
    }

    public FakeIamExtras(FakeIam iam) {
        super("iam");
        this.iam = iam;
    }

    public Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, k -> new Account());
    }

    public void lastAccessedPageSize(int size) {
        this.lastAccessedPageSize = size;
    }




    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        Account a = account(request.accountId());
        Map<String, String> form = request.form();
        String result = switch (operation) {
            case "GetAccountPasswordPolicy" -> {
                if (a.passwordPolicy == null) {
                    throw new AwsFault(404, "NoSuchEntity", "The Password Policy with domain name "
                            + request.accountId() + " cannot be found.");
                }
                StringBuilder x = new StringBuilder("<PasswordPolicy>");
                a.passwordPolicy.forEach((k, v) -> x.append(el(k, v)));
                yield x.append("</PasswordPolicy>").toString();
            }
            case "GetAccountSummary" -> {
                StringBuilder x = new StringBuilder("<SummaryMap>");
                a.summary.forEach((k, v) -> x.append("<entry>").append(el("key", k)).append(el("value", "" + v))
                        .append("</entry>"));
                yield x.append("</SummaryMap>").toString();
            }
            case "ListVirtualMFADevices" -> {
                StringBuilder x = new StringBuilder("<VirtualMFADevices>");
                a.virtualMfa.forEach((serial, user) -> {
                    x.append("<member>").append(el("SerialNumber", serial));
                    if (user != null) {
                        x.append("<User>").append(el("UserName", user)).append(el("Path", "/"))
                                .append(el("UserId", "AIDA" + user.toUpperCase()))
                                .append(el("Arn", "arn:aws:iam::" + request.accountId() + ":user/" + user))
                                .append(el("CreateDate", "2024-01-01T00:00:00Z")).append("</User>")
                                .append(el("EnableDate", "2024-01-02T00:00:00Z"));
                    }
                    x.append("</member>");
                });
                yield x.append("</VirtualMFADevices>").append(el("IsTruncated", "false")).toString();
            }
            case "ListServerCertificates" -> {
                StringBuilder x = new StringBuilder("<IsTruncated>false</IsTruncated><ServerCertificateMetadataList>");
                a.serverCertificates.forEach((name, expiry) -> x.append("<member>").append(el("Path", "/"))
                        .append(el("ServerCertificateName", name)).append(el("ServerCertificateId", "ASCA" + name.length()))
                        .append(el("Arn", "arn:aws:iam::" + request.accountId() + ":server-certificate/" + name))
                        .append(el("UploadDate", "2023-01-01T00:00:00Z")).append(el("Expiration", expiry))
                        .append("</member>"));
                yield x.append("</ServerCertificateMetadataList>").toString();
            }
            case "ListSAMLProviders" -> {
                StringBuilder x = new StringBuilder("<SAMLProviderList>");
                a.samlProviders.forEach(name -> x.append("<member>").append(el("Arn", "arn:aws:iam::"
                        + request.accountId() + ":saml-provider/" + name)).append(el("ValidUntil", "2030-01-01T00:00:00Z"))
                        .append(el("CreateDate", "2024-01-01T00:00:00Z")).append("</member>"));
                yield x.append("</SAMLProviderList>").toString();
            }
            case "ListOpenIDConnectProviders" -> {
                StringBuilder x = new StringBuilder("<OpenIDConnectProviderList>");
                a.oidcProviders.keySet().forEach(url -> x.append("<member>").append(el("Arn", "arn:aws:iam::"
                        + request.accountId() + ":oidc-provider/" + url)).append("</member>"));
                yield x.append("</OpenIDConnectProviderList>").toString();
            }
            case "GetOpenIDConnectProvider" -> {
                String arn = form.get("OpenIDConnectProviderArn");
                String url = arn.substring(arn.indexOf("oidc-provider/") + "oidc-provider/".length());
                List<String> clients = a.oidcProviders.get(url);
                if (clients == null) {
                    throw new AwsFault(404, "NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn);
                }
                StringBuilder x = new StringBuilder(el("Url", url)).append("<ClientIDList>");
                clients.forEach(c -> x.append(el("member", c)));
                yield x.append("</ClientIDList><ThumbprintList>").append(el("member", "6938fd4d98bab03faadb97b34396831e3780aea1"))
                        .append("</ThumbprintList>").append(el("CreateDate", "2024-02-01T00:00:00Z")).toString();
            }
            case "GenerateServiceLastAccessedDetails" -> {
                // AWS's job ids are UUIDs; the AWS CLI refuses a shorter JobId (min length 36) before sending it.
                String id = String.format("00000000-0000-4000-8000-%012d", jobIds.incrementAndGet());
                jobs.put(id, new Job(request.accountId(), form.get("Arn"), new AtomicInteger()));
                yield el("JobId", id);
            }
            case "GetServiceLastAccessedDetails" -> lastAccessed(a, form);
            case "ListOrganizationsFeatures" -> {
                if (a.organizationsRefusal != null) {
                    throw new AwsFault(400, a.organizationsRefusal, ORGANIZATIONS_REFUSALS.getOrDefault(
                            a.organizationsRefusal, a.organizationsRefusal));
                }
                StringBuilder x = new StringBuilder(el("OrganizationId", a.organizationId)).append("<EnabledFeatures>");
                a.organizationsFeatures.forEach(f -> x.append(el("member", f)));
                yield x.append("</EnabledFeatures>").toString();
            }
            default -> null;
        };
        if (result == null) {
            return iam.handle(request, operation);
        }
        return FakeResponse.xml("<" + operation + "Response xmlns=\"" + NS + "\"><" + operation + "Result>" + result
                + "</" + operation + "Result>" + metadata() + "</" + operation + "Response>");
    }

    private String lastAccessed(Account a, Map<String, String> form) {
        Job job = jobs.get(form.get("JobId"));
        if (job == null) {
            throw new AwsFault(404, "NoSuchEntity", "No job found for " + form.get("JobId"));
        }
        String head = el("JobType", "SERVICE_LEVEL") + el("JobCreationDate", "2026-11-27T00:00:00Z");
        if (job.polls().getAndIncrement() < a.pollsBeforeComplete) {
            return el("JobStatus", "IN_PROGRESS") + head + "<ServicesLastAccessed/>";
        }
        if (a.failingJobs.contains(job.arn())) {
            return el("JobStatus", "FAILED") + head + "<ServicesLastAccessed/><Error>" + el("Message", "internal error")
                    + el("Code", "InternalError") + "</Error>";
        }
        List<String[]> all = a.lastAccessed.getOrDefault(job.arn(), List.of());
        int start = form.containsKey("Marker") ? Integer.parseInt(form.get("Marker").substring(2)) : 0;
        int end = Math.min(all.size(), start + Math.min(lastAccessedPageSize,
                Integer.parseInt(form.getOrDefault("MaxItems", "100"))));
        StringBuilder x = new StringBuilder(el("JobStatus", "COMPLETED")).append(head).append("<ServicesLastAccessed>");
        for (String[] s : all.subList(start, end)) {
            x.append("<member>").append(el("ServiceName", "Amazon " + s[0].toUpperCase()))
                    .append(el("ServiceNamespace", s[0])).append(el("LastAuthenticated", s[1]))
                    .append(el("LastAuthenticatedEntity", s[1] == null ? null : job.arn()))
                    .append(el("LastAuthenticatedRegion", s[1] == null ? null : "ap-northeast-1"))
                    .append(el("TotalAuthenticatedEntities", s[1] == null ? "0" : "1")).append("</member>");
        }
        x.append("</ServicesLastAccessed>").append(el("JobCompletionDate", "2026-11-27T00:00:05Z"))
                .append(el("IsTruncated", String.valueOf(end < all.size())));
        if (end < all.size()) {
            x.append(el("Marker", "m-" + end));
        }
        return x.toString();
    }
}
