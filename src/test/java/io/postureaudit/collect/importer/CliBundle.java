package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AwsSession;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * What a user's AWS CLI run against an account prints, as a bundle: the calls of {@code samples/tools/bundle.sh},
 * made with real SDK clients (against the fake AWS in tests), each output written as the CLI prints it
 * (PascalCase members, timestamps with the local +09:00 offset, policy documents as JSON objects, binary as
 * base64). A call that fails is left out, as the script leaves out what the CLI refused.
 */
final class CliBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REGIONAL_TYPES = List.of("APPLICATION_LOAD_BALANCER", "API_GATEWAY", "APPSYNC",
            "COGNITO_USER_POOL", "APP_RUNNER_SERVICE", "VERIFIED_ACCESS_INSTANCE");
    /** The refusals samples/tools/bundle.sh records as {@code @error} (the same list is in the script). */
    static final Set<String> REFUSALS = Set.of("AccountNotManagementOrDelegatedAdministratorException",
            "OrganizationNotFoundException", "ServiceAccessNotEnabledException",
            "OrganizationNotInAllFeaturesModeException", "BadRequestException");
    private final ObjectNode bundle = JSON.createObjectNode();
    private final AwsSession aws;

    CliBundle(AwsSession aws) {
        this.aws = aws;
    }

    ObjectNode bundle() {
        return bundle;
    }

    /** The {@code service:Operation} keys written (regions left out). */
    Set<String> calls() {
        Set<String> calls = new TreeSet<>();
        bundle.fieldNames().forEachRemaining(k -> calls.add(k.contains("@") ? k.substring(0, k.indexOf('@')) : k));
        return calls;
    }

    CliBundle account(List<String> regions) {
        iam();
        for (String region : regions) {
            kms(region);
            guardDuty(region);
            waf(region, region.equals("us-east-1"));
            identityCenter(region);
        }
        Set<String> eventRegions = new TreeSet<>(regions);
        eventRegions.add("us-east-1");
        eventRegions.forEach(this::cloudTrail);
        return this;
    }

    /**
     * {@code aws cloudtrail lookup-events --lookup-attributes AttributeKey=ReadOnly,AttributeValue=false
     * --start-time …}: the CLI follows every page and prints one {@code {"Events": [...]}}, newest first.
     */
    private void cloudTrail(String region) {
        Instant since = Instant.now().minus(java.time.Duration.ofDays(7));
        attempt(() -> {
            List<Object> events = new ArrayList<>();
            aws.cloudTrail(region).lookupEventsPaginator(r -> r.lookupAttributes(a -> a.attributeKey("ReadOnly")
                    .attributeValue("false")).startTime(since)).forEach(page -> events.addAll(page.events()));
            ObjectNode out = JSON.createObjectNode();
            out.set("Events", cli(events));
            return out;
        }).ifPresent(o -> put("cloudtrail:LookupEvents@" + region, o));
    }

    private void iam() {
        IamClient iam = aws.iam();
        aws.iam().getAccountAuthorizationDetailsPaginator().forEach(p -> put("iam:GetAccountAuthorizationDetails", p));
        attempt(() -> {
            while (iam.generateCredentialReport().state() != ReportStateType.COMPLETE) {
                Thread.onSpinWait();
            }
            return iam.getCredentialReport();
        }).ifPresent(r -> put("iam:GetCredentialReport", r));
        try {
            put("iam:GetAccountPasswordPolicy", iam.getAccountPasswordPolicy());
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            put("iam:GetAccountPasswordPolicy", JSON.createObjectNode().putNull("PasswordPolicy"));
        } catch (SdkException e) {
            // refused: left out
        }
        attempt(iam::getAccountSummary).ifPresent(r -> put("iam:GetAccountSummary", r));
        attempt(iam::listVirtualMFADevices).ifPresent(r -> put("iam:ListVirtualMFADevices", r));
        attempt(iam::listSAMLProviders).ifPresent(r -> put("iam:ListSAMLProviders", r));
        attempt(iam::listServerCertificates).ifPresent(r -> put("iam:ListServerCertificates", r));
        attempt(iam::listOpenIDConnectProviders).ifPresent(r -> {
            put("iam:ListOpenIDConnectProviders", r);
            r.openIDConnectProviderList().forEach(p -> attempt(() -> iam.getOpenIDConnectProvider(
                    q -> q.openIDConnectProviderArn(p.arn()))).ifPresent(o -> put("iam:GetOpenIDConnectProvider", o,
                            Map.of("OpenIDConnectProviderArn", p.arn()))));
        });
        refusable(() -> iam.listOrganizationsFeatures(r -> { }), "iam:ListOrganizationsFeatures", Map.of());
        List<String> principals = new ArrayList<>();
        iam.getAccountAuthorizationDetailsPaginator().forEach(p -> {
            p.userDetailList().forEach(u -> principals.add(u.arn()));
            p.roleDetailList().forEach(r -> principals.add(r.arn()));
        });
        for (String arn : principals) {
            attempt(() -> {
                String job = iam.generateServiceLastAccessedDetails(r -> r.arn(arn)).jobId();
                var page = iam.getServiceLastAccessedDetails(r -> r.jobId(job));
                while (page.jobStatusAsString().equals("IN_PROGRESS")) {
                    page = iam.getServiceLastAccessedDetails(r -> r.jobId(job));
                }
                // The CLI pages on its own and prints one output per principal.
                List<Object> all = new ArrayList<>(page.servicesLastAccessed());
                String marker = page.marker();
                while (Boolean.TRUE.equals(page.isTruncated()) && marker != null) {
                    String m = marker;
                    page = iam.getServiceLastAccessedDetails(r -> r.jobId(job).marker(m));
                    all.addAll(page.servicesLastAccessed());
                    marker = page.marker();
                }
                ObjectNode out = (ObjectNode) cli(page);
                out.remove("Marker");
                out.put("IsTruncated", false);
                out.set("ServicesLastAccessed", cli(all));
                return out;
            }).ifPresent(o -> put("iam:GetServiceLastAccessedDetails", o, Map.of("Arn", arn)));
        }
    }

    private void kms(String region) {
        var kms = aws.kms(region);
        var keys = attempt(() -> kms.listKeys(r -> r.limit(1000))).orElse(null);
        if (keys == null) {
            return;
        }
        put("kms:ListKeys@" + region, keys);
        attempt(() -> kms.listAliases(r -> r.limit(100))).ifPresent(a -> put("kms:ListAliases@" + region, a));
        touch("kms:GetKeyRotationStatus@" + region);
        for (var key : keys.keys()) {
            attempt(() -> kms.describeKey(r -> r.keyId(key.keyArn()))).ifPresent(d -> put("kms:DescribeKey@" + region, d));
            attempt(() -> kms.getKeyRotationStatus(r -> r.keyId(key.keyArn())))
                    .ifPresent(o -> put("kms:GetKeyRotationStatus@" + region, o));
            attempt(() -> kms.getKeyPolicy(r -> r.keyId(key.keyArn()).policyName("default")))
                    .ifPresent(o -> put("kms:GetKeyPolicy@" + region, o, Map.of("KeyId", key.keyId())));
            attempt(() -> kms.listGrants(r -> r.keyId(key.keyArn())))
                    .ifPresent(o -> put("kms:ListGrants@" + region, o, Map.of("KeyId", key.keyId())));
        }
    }

    private void guardDuty(String region) {
        var gd = aws.guardDuty(region);
        var detectors = attempt(gd::listDetectors).orElse(null);
        if (detectors == null) {
            return;
        }
        put("guardduty:ListDetectors@" + region, detectors);
        refusable(() -> gd.listOrganizationAdminAccounts(r -> { }), "guardduty:ListOrganizationAdminAccounts@"
                + region, Map.of());
        for (String id : detectors.detectorIds()) {
            Map<String, String> request = Map.of("DetectorId", id);
            refusable(() -> gd.describeOrganizationConfiguration(r -> r.detectorId(id)),
                    "guardduty:DescribeOrganizationConfiguration@" + region, request);
            attempt(() -> gd.getDetector(r -> r.detectorId(id))).ifPresent(o -> put("guardduty:GetDetector@" + region,
                    o, request));
            attempt(() -> gd.listFilters(r -> r.detectorId(id))).ifPresent(o -> {
                put("guardduty:ListFilters@" + region, o, request);
                o.filterNames().forEach(name -> attempt(() -> gd.getFilter(r -> r.detectorId(id).filterName(name)))
                        .ifPresent(f -> put("guardduty:GetFilter@" + region, f, request)));
            });
            attempt(() -> gd.getAdministratorAccount(r -> r.detectorId(id)))
                    .ifPresent(o -> put("guardduty:GetAdministratorAccount@" + region, o, request));
            attempt(() -> gd.listMembers(r -> r.detectorId(id))).ifPresent(o -> put("guardduty:ListMembers@" + region,
                    o, request));
            // Every finding id, archived ones too: the importer skips those whose finding says archived.
            List<String> ids = new ArrayList<>();
            attempt(() -> {
                gd.listFindingsPaginator(r -> r.detectorId(id)).findingIds().forEach(ids::add);
                return ids;
            }).ifPresent(all -> put("guardduty:ListFindings@" + region, JSON.createObjectNode().set("FindingIds",
                    JSON.valueToTree(all)), request));
            for (int i = 0; i < ids.size(); i += 50) {
                List<String> batch = ids.subList(i, Math.min(ids.size(), i + 50));
                attempt(() -> gd.getFindings(r -> r.detectorId(id).findingIds(batch)))
                        .ifPresent(o -> put("guardduty:GetFindings@" + region, o));
            }
        }
    }

    private void waf(String region, boolean cloudFront) {
        var waf = aws.wafv2(region);
        List<String> scopes = cloudFront ? List.of("REGIONAL", "CLOUDFRONT") : List.of("REGIONAL");
        touch("wafv2:ListLoggingConfigurations@" + region);
        for (String scope : scopes) {
            attempt(() -> waf.listWebACLs(r -> r.scope(scope))).ifPresent(list -> {
                put("wafv2:ListWebACLs@" + region, list);
                for (var acl : list.webACLs()) {
                    attempt(() -> waf.getWebACL(r -> r.scope(scope).name(acl.name()).id(acl.id())))
                            .ifPresent(o -> put("wafv2:GetWebACL@" + region, o));
                    attempt(() -> waf.getLoggingConfiguration(r -> r.resourceArn(acl.arn())))
                            .ifPresent(o -> put("wafv2:GetLoggingConfiguration@" + region, o));
                    if (scope.equals("REGIONAL")) {
                        for (String type : REGIONAL_TYPES) {
                            attempt(() -> waf.listResourcesForWebACL(r -> r.webACLArn(acl.arn()).resourceType(type)))
                                    .ifPresent(o -> put("wafv2:ListResourcesForWebACL@" + region, o,
                                            Map.of("WebACLArn", acl.arn(), "ResourceType", type)));
                        }
                    }
                }
            });
            attempt(() -> waf.listLoggingConfigurations(r -> r.scope(scope)))
                    .ifPresent(o -> put("wafv2:ListLoggingConfigurations@" + region, o));
            attempt(() -> waf.listRuleGroups(r -> r.scope(scope))).ifPresent(list -> {
                put("wafv2:ListRuleGroups@" + region, list);
                list.ruleGroups().forEach(g -> attempt(() -> waf.getRuleGroup(r -> r.scope(scope).name(g.name())
                        .id(g.id()))).ifPresent(o -> put("wafv2:GetRuleGroup@" + region, o)));
            });
            attempt(() -> waf.listIPSets(r -> r.scope(scope))).ifPresent(list -> {
                put("wafv2:ListIPSets@" + region, list);
                list.ipSets().forEach(s -> attempt(() -> waf.getIPSet(r -> r.scope(scope).name(s.name()).id(s.id())))
                        .ifPresent(o -> put("wafv2:GetIPSet@" + region, o)));
            });
        }
    }

    private void identityCenter(String region) {
        var sso = aws.ssoAdmin(region);
        var instances = attempt(() -> sso.listInstances(r -> { })).orElse(null);
        if (instances == null) {
            return;
        }
        put("sso-admin:ListInstances@" + region, instances);
        var store = aws.identityStore(region);
        for (var instance : instances.instances()) {
            String storeId = instance.identityStoreId();
            Map<String, String> inStore = Map.of("IdentityStoreId", storeId);
            attempt(() -> store.listUsers(r -> r.identityStoreId(storeId)))
                    .ifPresent(p -> put("identitystore:ListUsers@" + region, p, inStore));
            attempt(() -> store.listGroups(r -> r.identityStoreId(storeId))).ifPresent(p -> {
                put("identitystore:ListGroups@" + region, p, inStore);
                p.groups().forEach(g -> attempt(() -> store.listGroupMemberships(r -> r.identityStoreId(storeId)
                        .groupId(g.groupId()))).ifPresent(m -> put("identitystore:ListGroupMemberships@" + region, m,
                                Map.of("IdentityStoreId", storeId, "GroupId", g.groupId()))));
            });
            String instanceArn = instance.instanceArn();
            touch("sso-admin:GetPermissionsBoundaryForPermissionSet@" + region);
            sso.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn)).forEach(page -> {
                put("sso-admin:ListPermissionSets@" + region, page, Map.of("InstanceArn", instanceArn));
                for (String set : page.permissionSets()) {
                    Map<String, String> forSet = Map.of("InstanceArn", instanceArn, "PermissionSetArn", set);
                    put("sso-admin:DescribePermissionSet@" + region, sso.describePermissionSet(r -> r
                            .instanceArn(instanceArn).permissionSetArn(set)));
                    put("sso-admin:ListManagedPoliciesInPermissionSet@" + region, sso.listManagedPoliciesInPermissionSet(
                            r -> r.instanceArn(instanceArn).permissionSetArn(set)), forSet);
                    put("sso-admin:ListCustomerManagedPolicyReferencesInPermissionSet@" + region,
                            sso.listCustomerManagedPolicyReferencesInPermissionSet(r -> r.instanceArn(instanceArn)
                                    .permissionSetArn(set)), forSet);
                    put("sso-admin:GetInlinePolicyForPermissionSet@" + region, sso.getInlinePolicyForPermissionSet(
                            r -> r.instanceArn(instanceArn).permissionSetArn(set)), forSet);
                    attempt(() -> sso.getPermissionsBoundaryForPermissionSet(r -> r.instanceArn(instanceArn)
                            .permissionSetArn(set))).ifPresent(o -> put(
                                    "sso-admin:GetPermissionsBoundaryForPermissionSet@" + region, o, forSet));
                    var accounts = sso.listAccountsForProvisionedPermissionSet(r -> r.instanceArn(instanceArn)
                            .permissionSetArn(set));
                    put("sso-admin:ListAccountsForProvisionedPermissionSet@" + region, accounts, forSet);
                    put("sso-admin:ListTagsForResource@" + region, sso.listTagsForResource(r -> r
                            .instanceArn(instanceArn).resourceArn(set)), Map.of("InstanceArn", instanceArn,
                                    "ResourceArn", set));
                    for (String account : accounts.accountIds()) {
                        attempt(() -> sso.listAccountAssignments(r -> r.instanceArn(instanceArn).accountId(account)
                                .permissionSetArn(set))).ifPresent(o -> put("sso-admin:ListAccountAssignments@"
                                        + region, o, Map.of("InstanceArn", instanceArn, "AccountId", account,
                                                "PermissionSetArn", set)));
                    }
                }
            });
        }
    }

    /**
     * A call whose documented refusals are facts (organisation calls outside the management account): the script
     * writes the CLI's error as {@code {"@error": {"Code", "Message"}}}; other failures are left out.
     */
    private void refusable(Supplier<Object> call, String key, Map<String, String> request) {
        try {
            put(key, call.get(), request);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && REFUSALS.contains(code)) {
                ObjectNode error = JSON.createObjectNode();
                error.putObject(BundleCalls.ERROR).put("Code", code).put("Message", e.awsErrorDetails().errorMessage());
                put(key, error, request);
            }
        } catch (SdkException e) {
            // left out
        }
    }

    private static <T> java.util.Optional<T> attempt(Supplier<T> call) {
        try {
            return java.util.Optional.ofNullable(call.get());
        } catch (SdkException e) {
            return java.util.Optional.empty();
        }
    }

    /** A key present without outputs: the CLI failed for every resource where that means "none". */
    private void touch(String key) {
        if (!bundle.has(key)) {
            bundle.putArray(key);
        }
    }

    private void put(String key, Object output) {
        put(key, output, Map.of());
    }

    private void put(String key, Object output, Map<String, String> request) {
        JsonNode node = output instanceof JsonNode j ? j : cli(output);
        if (!request.isEmpty()) {
            ((ObjectNode) node).set(Bundle.REQUEST, JSON.valueToTree(request));
        }
        touch(key);
        ((ArrayNode) bundle.get(key)).add(node);
    }

    /** An SDK object as the CLI prints it. */
    static JsonNode cli(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode out = f.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                        || member instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>) {
                    continue; // absent in the API answer, absent in the CLI's output
                }
                if (member != null) {
                    out.set(field.memberName(), policy(field.memberName(), member)
                            ? parse(decode((String) member)) : cli(member));
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            ArrayNode out = f.arrayNode();
            list.forEach(v -> out.add(cli(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = f.objectNode();
            map.forEach((k, v) -> out.set(String.valueOf(k), cli(v)));
            return out;
        }
        if (value instanceof Instant instant) {
            return f.textNode(instant.atOffset(ZoneOffset.ofHours(9)).toString());
        }
        if (value instanceof SdkBytes bytes) {
            return f.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        if (value instanceof Document document) {
            return JSON.valueToTree(document.unwrap());
        }
        return JSON.valueToTree(value);
    }

    /** IAM answers policy documents URL-encoded; the CLI prints them as JSON objects. */
    private static boolean policy(String member, Object value) {
        return value instanceof String s && (member.equals("PolicyDocument") || member.equals("AssumeRolePolicyDocument")
                || member.equals("Document")) && decode(s).startsWith("{");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a policy document: " + json, e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8).trim();
    }
}
