package io.postureaudit.fakeaws;

import static io.postureaudit.fakeaws.Protocol.Xml.escape;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM over the Query protocol with XML responses, as IAM really answers: GetAccountAuthorizationDetails pages
 * with IsTruncated/Marker and URL-encoded policy documents; the credential report is generated, then fetched as
 * base64 CSV.
 */
public final class FakeIam extends QueryXmlHandler {

    private static final String NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private final Map<String, Estate> estates = new ConcurrentHashMap<>();
    private volatile int pageSize = 100;

    public FakeIam() {
        super("iam");
    }

    /** One account's IAM content. Policy documents are JSON text, sent URL-encoded unless raw. */
    public static final class Estate {
        public final List<User> users = new ArrayList<>();
        public final List<Group> groups = new ArrayList<>();
        public final List<Role> roles = new ArrayList<>();
        public final List<Policy> policies = new ArrayList<>();
        /** Credential report rows after the header; null means the account answers ReportNotPresent forever. */
        public final List<String> credentialReportRows = new ArrayList<>();
        public volatile int reportPollsBeforeReady = 1;
        private int reportPolls;

        public User user(String name) {
            return users.stream().filter(u -> u.name.equals(name)).findFirst().orElseThrow();
        }

        public Role role(String name) {
            return roles.stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow();
        }

        public Policy policy(String name) {
            return policies.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
        }
    }

    /** An IAM user. */
    public static final class User {
        public String name;
        public List<String> groups = new ArrayList<>();
        public List<String> attachedPolicyArns = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public String boundaryArn;

        public User(String name) {
            this.name = name;
        }
    }

    /** An IAM group. */
    public static final class Group {
        public String name;
        public List<String> attachedPolicyArns = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();

        public Group(String name) {
            this.name = name;
        }
    }

    /** An IAM role. {@code rawTrustPolicy} is sent as is (to plant malformed documents). */
    public static final class Role {
        public String name;
        public String trustPolicy;
        public String rawTrustPolicy;
        public List<String> attachedPolicyArns = new ArrayList<>();
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public String lastUsed;
        public String lastUsedRegion;
        public String boundaryArn;

        public Role(String name, String trustPolicy) {
            this.name = name;
            this.trustPolicy = trustPolicy;
        }
    }

    /** A managed policy with its default version. */
    public static final class Policy {
        public String name;
        public String arn;
        public String document;
        public int attachmentCount = 1;
        public String path = "/";
        public String versionId = "v3";
        /** Earlier versions, kept as IAM keeps them (listed, not default): [versionId, document]. */
        public final List<String[]> olderVersions = new ArrayList<>();

        public Policy(String name, String arn, String document) {
            this.name = name;
            this.arn = arn;
            this.document = document;
        }

        /** CreatePolicyVersion with SetAsDefault: the document becomes the next version and the default. */
        public Policy newDefaultVersion(String newDocument) {
            olderVersions.add(new String[] {versionId, document});
            versionId = "v" + (Integer.parseInt(versionId.substring(1)) + 1);
            document = newDocument;
            return this;
        }
    }

    public Estate estate(String accountId) {
        return estates.computeIfAbsent(accountId, k -> new Estate());
    }

    public void pageSize(int size) {
        this.pageSize = size;
    }




    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        Estate estate = estate(request.accountId());
        Map<String, String> form = request.form();
        return switch (operation) {
            case "GetAccountAuthorizationDetails" -> authorizationDetails(request.accountId(), estate, form);
            case "GenerateCredentialReport" -> generateReport(estate);
            case "GetCredentialReport" -> credentialReport(estate);
            default -> throw new AwsFault(400, "InvalidAction", "Could not find operation " + operation
                    + " for version 2010-05-08");
        };
    }

    private FakeResponse authorizationDetails(String account, Estate estate, Map<String, String> form) {
        List<String> entries = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        synchronized (estate) {
            estate.users.forEach(u -> { entries.add(user(account, u)); kinds.add("UserDetailList"); });
            estate.groups.forEach(g -> { entries.add(group(account, g)); kinds.add("GroupDetailList"); });
            estate.roles.forEach(r -> { entries.add(role(account, r)); kinds.add("RoleDetailList"); });
            estate.policies.forEach(p -> { entries.add(policy(p)); kinds.add("Policies"); });
        }
        int start = form.containsKey("Marker") ? Integer.parseInt(form.get("Marker").substring(2)) : 0;
        int max = Math.min(pageSize, Integer.parseInt(form.getOrDefault("MaxItems", "100")));
        int end = Math.min(entries.size(), start + max);
        Map<String, StringBuilder> lists = new LinkedHashMap<>();
        for (String kind : List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")) {
            lists.put(kind, new StringBuilder());
        }
        for (int i = start; i < end; i++) {
            lists.get(kinds.get(i)).append(entries.get(i));
        }
        StringBuilder xml = new StringBuilder("<GetAccountAuthorizationDetailsResponse xmlns=\"" + NS + "\">"
                + "<GetAccountAuthorizationDetailsResult>");
        boolean truncated = end < entries.size();
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            xml.append("<Marker>m-").append(end).append("</Marker>");
        }
        lists.forEach((k, v) -> xml.append('<').append(k).append('>').append(v).append("</").append(k).append('>'));
        xml.append("</GetAccountAuthorizationDetailsResult>").append(metadata())
                .append("</GetAccountAuthorizationDetailsResponse>");
        return FakeResponse.xml(xml.toString());
    }

    private static String user(String account, User u) {
        StringBuilder x = new StringBuilder("<member>");
        x.append(el("Path", "/")).append(el("UserName", u.name)).append(el("UserId", "AIDA" + id(u.name)))
                .append(el("Arn", "arn:aws:iam::" + account + ":user/" + u.name))
                .append(el("CreateDate", "2024-04-01T09:00:00Z"));
        x.append("<UserPolicyList>");
        u.inlinePolicies.forEach((n, d) -> x.append("<member>").append(el("PolicyName", n))
                .append(el("PolicyDocument", encode(d))).append("</member>"));
        x.append("</UserPolicyList><GroupList>");
        u.groups.forEach(g -> x.append(el("member", g)));
        x.append("</GroupList>").append(attached(u.attachedPolicyArns));
        if (u.boundaryArn != null) {
            x.append("<PermissionsBoundary>").append(el("PermissionsBoundaryType", "Policy"))
                    .append(el("PermissionsBoundaryArn", u.boundaryArn)).append("</PermissionsBoundary>");
        }
        x.append(tags(u.tags)).append("</member>");
        return x.toString();
    }

    private static String group(String account, Group g) {
        StringBuilder x = new StringBuilder("<member>");
        x.append(el("Path", "/")).append(el("GroupName", g.name)).append(el("GroupId", "AGPA" + id(g.name)))
                .append(el("Arn", "arn:aws:iam::" + account + ":group/" + g.name))
                .append(el("CreateDate", "2024-04-01T09:00:00Z")).append("<GroupPolicyList>");
        g.inlinePolicies.forEach((n, d) -> x.append("<member>").append(el("PolicyName", n))
                .append(el("PolicyDocument", encode(d))).append("</member>"));
        x.append("</GroupPolicyList>").append(attached(g.attachedPolicyArns)).append("</member>");
        return x.toString();
    }

    private static String role(String account, Role r) {
        StringBuilder x = new StringBuilder("<member>");
        x.append(el("Path", "/")).append(el("RoleName", r.name)).append(el("RoleId", "AROA" + id(r.name)))
                .append(el("Arn", "arn:aws:iam::" + account + ":role/" + r.name))
                .append(el("CreateDate", "2024-04-01T09:00:00Z"))
                .append(el("AssumeRolePolicyDocument", r.rawTrustPolicy != null ? r.rawTrustPolicy : encode(r.trustPolicy)))
                .append("<InstanceProfileList/><RolePolicyList>");
        r.inlinePolicies.forEach((n, d) -> x.append("<member>").append(el("PolicyName", n))
                .append(el("PolicyDocument", encode(d))).append("</member>"));
        x.append("</RolePolicyList>").append(attached(r.attachedPolicyArns));
        if (r.boundaryArn != null) {
            x.append("<PermissionsBoundary>").append(el("PermissionsBoundaryType", "Policy"))
                    .append(el("PermissionsBoundaryArn", r.boundaryArn)).append("</PermissionsBoundary>");
        }
        x.append(tags(r.tags)).append("<RoleLastUsed>");
        if (r.lastUsed != null) {
            x.append(el("LastUsedDate", r.lastUsed)).append(el("Region", r.lastUsedRegion));
        }
        x.append("</RoleLastUsed></member>");
        return x.toString();
    }

    private static String policy(Policy p) {
        boolean aws = p.arn.startsWith("arn:aws:iam::aws:");
        return "<member>" + el("PolicyName", p.name) + el("PolicyId", "ANPA" + id(p.name)) + el("Arn", p.arn)
                + el("Path", p.path) + el("DefaultVersionId", p.versionId) + el("AttachmentCount", String.valueOf(p.attachmentCount))
                + el("PermissionsBoundaryUsageCount", "0") + el("IsAttachable", "true")
                + el("CreateDate", "2024-04-01T09:00:00Z") + el("UpdateDate", aws ? "2025-01-01T00:00:00Z" : "2024-05-01T00:00:00Z")
                + "<PolicyVersionList><member>" + el("Document", encode(p.document)) + el("VersionId", p.versionId)
                + el("IsDefaultVersion", "true") + el("CreateDate", "2024-05-01T00:00:00Z") + "</member>"
                + older(p) + "</PolicyVersionList></member>";
    }

    private static String older(Policy p) {
        StringBuilder x = new StringBuilder();
        for (String[] v : p.olderVersions) {
            x.append("<member>").append(el("Document", encode(v[1]))).append(el("VersionId", v[0]))
                    .append(el("IsDefaultVersion", "false")).append(el("CreateDate", "2024-04-01T09:00:00Z"))
                    .append("</member>");
        }
        return x.toString();
    }

    private static String attached(List<String> arns) {
        StringBuilder x = new StringBuilder("<AttachedManagedPolicies>");
        arns.forEach(a -> x.append("<member>").append(el("PolicyName", a.substring(a.lastIndexOf('/') + 1)))
                .append(el("PolicyArn", a)).append("</member>"));
        return x.append("</AttachedManagedPolicies>").toString();
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder x = new StringBuilder("<Tags>");
        tags.forEach((k, v) -> x.append("<member>").append(el("Key", k)).append(el("Value", v)).append("</member>"));
        return x.append("</Tags>").toString();
    }

    private FakeResponse generateReport(Estate estate) {
        String state;
        synchronized (estate) {
            state = estate.reportPolls >= estate.reportPollsBeforeReady ? "COMPLETE" : "STARTED";
            estate.reportPolls++;
        }
        return FakeResponse.xml("<GenerateCredentialReportResponse xmlns=\"" + NS + "\"><GenerateCredentialReportResult>"
                + el("State", state) + el("Description", "No report exists. Starting a new report generation task")
                + "</GenerateCredentialReportResult>" + metadata() + "</GenerateCredentialReportResponse>");
    }

    private FakeResponse credentialReport(Estate estate) {
        synchronized (estate) {
            if (estate.reportPolls <= estate.reportPollsBeforeReady) {
                throw new AwsFault(410, "ReportInProgress", "Report generation is in progress");
            }
        }
        String csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                + "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
                + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
                + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
                + "cert_2_active,cert_2_last_rotated\n" + String.join("\n", estate.credentialReportRows) + "\n";
        String content = Base64.getEncoder().encodeToString(csv.getBytes(StandardCharsets.UTF_8));
        return FakeResponse.xml("<GetCredentialReportResponse xmlns=\"" + NS + "\"><GetCredentialReportResult>"
                + el("Content", content) + el("ReportFormat", "text/csv") + el("GeneratedTime", Instant.now().toString())
                + "</GetCredentialReportResult>" + metadata() + "</GetCredentialReportResponse>");
    }

    static String el(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private static String encode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String id(String name) {
        return String.format("%016X", (long) name.hashCode() & 0xffffffffL);
    }
}
