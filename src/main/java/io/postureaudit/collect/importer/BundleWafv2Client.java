package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.GetIpSetRequest;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.GetLoggingConfigurationRequest;
import software.amazon.awssdk.services.wafv2.model.GetLoggingConfigurationResponse;
import software.amazon.awssdk.services.wafv2.model.GetRuleGroupRequest;
import software.amazon.awssdk.services.wafv2.model.GetRuleGroupResponse;
import software.amazon.awssdk.services.wafv2.model.GetWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsRequest;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsResponse;
import software.amazon.awssdk.services.wafv2.model.ListLoggingConfigurationsResponse;
import software.amazon.awssdk.services.wafv2.model.ListResourcesForWebAclRequest;
import software.amazon.awssdk.services.wafv2.model.ListResourcesForWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListRuleGroupsRequest;
import software.amazon.awssdk.services.wafv2.model.ListRuleGroupsResponse;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsRequest;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.WafNonexistentItemException;

/**
 * {@code wafv2:*@region} outputs as a {@link Wafv2Client}. One list key per region may hold both scopes' pages: a
 * list answers the items whose ARN is of the asked scope ({@code :global/} is CLOUDFRONT). Logging: the CLI fails
 * for an ACL without logging, so with either logging key present an ACL without an entry has none
 * (WAFNonexistentItemException, as AWS answers).
 */
final class BundleWafv2Client extends BundleClient implements Wafv2Client {

    static final Set<String> OPERATIONS = Set.of("wafv2:ListWebACLs", "wafv2:GetWebACL",
            "wafv2:GetLoggingConfiguration", "wafv2:ListLoggingConfigurations", "wafv2:ListResourcesForWebACL",
            "wafv2:ListRuleGroups", "wafv2:GetRuleGroup", "wafv2:ListIPSets", "wafv2:GetIPSet");
    /** What ListResourcesForWebACL lists when the call names no type (AWS's documented default). */
    static final String DEFAULT_RESOURCE_TYPE = "APPLICATION_LOAD_BALANCER";
    private static final BundleCalls.Key ID = BundleCalls.Key.of("Id", "Id");

    BundleWafv2Client(Bundle bundle, String region) {
        super(bundle, "wafv2", region, SERVICE_NAME);
    }

    static String scopeOf(String arn) {
        return arn.contains(":global/") ? "CLOUDFRONT" : "REGIONAL";
    }

    @Override
    public ListWebAcLsResponse listWebACLs(ListWebAcLsRequest request) {
        ListWebAcLsResponse page = calls.answer("ListWebACLs", request, ListWebAcLsResponse::builder);
        return page.toBuilder().webACLs(page.webACLs().stream()
                .filter(a -> scopeOf(a.arn()).equals(request.scopeAsString())).toList()).build();
    }

    @Override
    public GetWebAclResponse getWebACL(GetWebAclRequest request) {
        return calls.answer("GetWebACL", request, GetWebAclResponse::builder, ID);
    }

    @Override
    public GetLoggingConfigurationResponse getLoggingConfiguration(GetLoggingConfigurationRequest request) {
        String arn = request.resourceArn();
        if (!calls.has("GetLoggingConfiguration") && !calls.has("ListLoggingConfigurations")) {
            throw calls.notInBundle("GetLoggingConfiguration", arn);
        }
        List<LoggingConfiguration> configured = new ArrayList<>();
        calls.outputs("GetLoggingConfiguration").forEach(o -> configured.add(calls.read("GetLoggingConfiguration", o,
                GetLoggingConfigurationResponse::builder).loggingConfiguration()));
        calls.outputs("ListLoggingConfigurations").forEach(o -> configured.addAll(calls.read(
                "ListLoggingConfigurations", o, ListLoggingConfigurationsResponse::builder).loggingConfigurations()));
        return configured.stream().filter(l -> l != null && arn.equals(l.resourceArn())).findFirst()
                .map(l -> GetLoggingConfigurationResponse.builder().loggingConfiguration(l).build())
                .orElseThrow(() -> WafNonexistentItemException.builder().statusCode(400)
                        .message("AWS WAF couldn't perform the operation because your resource doesn't exist.")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("WAFNonexistentItemException")
                                .serviceName("WAFV2").build()).build());
    }

    /**
     * Outputs name their ACL by {@code @request.WebACLArn}; one without {@code ResourceType} lists load balancers.
     * Types the bundle did not list for an ACL it did list protect nothing.
     */
    @Override
    public ListResourcesForWebAclResponse listResourcesForWebACL(ListResourcesForWebAclRequest request) {
        if (!calls.has("ListResourcesForWebACL")) {
            throw calls.notInBundle("ListResourcesForWebACL", request.webACLArn());
        }
        String type = request.resourceTypeAsString() == null ? DEFAULT_RESOURCE_TYPE : request.resourceTypeAsString();
        List<String> arns = new ArrayList<>();
        boolean listed = false;
        for (JsonNode o : calls.outputs("ListResourcesForWebACL")) {
            JsonNode given = o.path(Bundle.REQUEST);
            boolean mine = given.path("WebACLArn").asText("").equals(request.webACLArn());
            listed |= mine;
            if (mine && given.path("ResourceType").asText(DEFAULT_RESOURCE_TYPE).equals(type)) {
                arns.addAll(calls.read("ListResourcesForWebACL", o, ListResourcesForWebAclResponse::builder)
                        .resourceArns());
            }
        }
        if (!listed) {
            // Not one type was listed for this ACL (the CLI refused, or it was left out): unknown, not "none".
            throw calls.notInBundle("ListResourcesForWebACL", request.webACLArn());
        }
        return ListResourcesForWebAclResponse.builder().resourceArns(arns).build();
    }

    @Override
    public ListRuleGroupsResponse listRuleGroups(ListRuleGroupsRequest request) {
        ListRuleGroupsResponse page = calls.answer("ListRuleGroups", request, ListRuleGroupsResponse::builder);
        return page.toBuilder().ruleGroups(page.ruleGroups().stream()
                .filter(g -> scopeOf(g.arn()).equals(request.scopeAsString())).toList()).build();
    }

    @Override
    public GetRuleGroupResponse getRuleGroup(GetRuleGroupRequest request) {
        return calls.answer("GetRuleGroup", request, GetRuleGroupResponse::builder, ID);
    }

    @Override
    public ListIpSetsResponse listIPSets(ListIpSetsRequest request) {
        ListIpSetsResponse page = calls.answer("ListIPSets", request, ListIpSetsResponse::builder);
        return page.toBuilder().ipSets(page.ipSets().stream()
                .filter(s -> scopeOf(s.arn()).equals(request.scopeAsString())).toList()).build();
    }

    @Override
    public GetIpSetResponse getIPSet(GetIpSetRequest request) {
        return calls.answer("GetIPSet", request, GetIpSetResponse::builder, ID);
    }
}
