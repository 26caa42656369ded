package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.waf.WafCollector;
import io.postureaudit.collect.waf.WafNormaliser;
import io.postureaudit.collect.waf.WebAclFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.GetIpSetResponse;
import software.amazon.awssdk.services.wafv2.model.GetLoggingConfigurationResponse;
import software.amazon.awssdk.services.wafv2.model.GetRuleGroupResponse;
import software.amazon.awssdk.services.wafv2.model.GetWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListIpSetsResponse;
import software.amazon.awssdk.services.wafv2.model.ListLoggingConfigurationsResponse;
import software.amazon.awssdk.services.wafv2.model.ListResourcesForWebAclResponse;
import software.amazon.awssdk.services.wafv2.model.ListRuleGroupsResponse;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * {@code wafv2:*@region} calls → web ACL, rule group and IP set resources. The scope of each item comes from its
 * ARN ({@code :global/} is CLOUDFRONT), so one list key per region may hold both scopes' pages. Logging: the CLI
 * fails for an ACL without logging, so when the bundle has any logging call for the region an ACL missing from
 * it has logging off.
 */
public final class WafBundleReader implements BundleReader {

    @Override
    public String service() {
        return "waf";
    }

    @Override
    public java.util.Set<String> operations() {
        return java.util.Set.of("wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:GetLoggingConfiguration", "wafv2:ListLoggingConfigurations", "wafv2:ListResourcesForWebACL", "wafv2:ListRuleGroups", "wafv2:GetRuleGroup", "wafv2:ListIPSets", "wafv2:GetIPSet");
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    static String scopeOf(String arn) {
        return arn.contains(":global/") ? "CLOUDFRONT" : "REGIONAL";
    }

    @Override
    public void read(Bundle bundle, CollectionContext context) {
        String region = context.region();
        webAcls(bundle, context, region);
        List<JsonNode> groups = bundle.required(context, "wafv2", "ListRuleGroups", region, null);
        if (groups != null) {
            Map<String, JsonNode> full = byArn(bundle.outputs("wafv2", "GetRuleGroup", region), "RuleGroup");
            for (var summary : BundleReader.flatten(groups, p -> Bundle.read(p, ListRuleGroupsResponse::builder),
                    ListRuleGroupsResponse::ruleGroups)) {
                JsonNode out = full.get(summary.arn());
                if (out == null) {
                    notInBundle(context, "GetRuleGroup", summary.arn());
                } else {
                    context.add(WafNormaliser.ruleGroup(scopeOf(summary.arn()),
                            Bundle.read(out, GetRuleGroupResponse::builder).ruleGroup(), context.accountId(), region));
                }
            }
        }
        List<JsonNode> sets = bundle.required(context, "wafv2", "ListIPSets", region, null);
        if (sets != null) {
            Map<String, JsonNode> full = byArn(bundle.outputs("wafv2", "GetIPSet", region), "IPSet");
            for (var summary : BundleReader.flatten(sets, p -> Bundle.read(p, ListIpSetsResponse::builder),
                    ListIpSetsResponse::ipSets)) {
                JsonNode out = full.get(summary.arn());
                if (out == null) {
                    notInBundle(context, "GetIPSet", summary.arn());
                } else {
                    context.add(WafNormaliser.ipSet(scopeOf(summary.arn()),
                            Bundle.read(out, GetIpSetResponse::builder).ipSet(), context.accountId(), region));
                }
            }
        }
    }

    private static void webAcls(Bundle bundle, CollectionContext context, String region) {
        List<JsonNode> pages = bundle.required(context, "wafv2", "ListWebACLs", region, null);
        if (pages == null) {
            return;
        }
        Map<String, JsonNode> full = byArn(bundle.outputs("wafv2", "GetWebACL", region), "WebACL");
        boolean loggingRead = bundle.has("wafv2", "GetLoggingConfiguration", region)
                || bundle.has("wafv2", "ListLoggingConfigurations", region);
        Map<String, LoggingConfiguration> logging = new LinkedHashMap<>();
        bundle.outputs("wafv2", "GetLoggingConfiguration", region).forEach(o -> {
            LoggingConfiguration l = Bundle.read(o, GetLoggingConfigurationResponse::builder).loggingConfiguration();
            logging.put(l.resourceArn(), l);
        });
        bundle.outputs("wafv2", "ListLoggingConfigurations", region).forEach(o -> Bundle.read(o,
                ListLoggingConfigurationsResponse::builder).loggingConfigurations()
                .forEach(l -> logging.put(l.resourceArn(), l)));
        boolean associationsRead = bundle.has("wafv2", "ListResourcesForWebACL", region);
        List<JsonNode> associations = bundle.outputs("wafv2", "ListResourcesForWebACL", region);
        for (var summary : BundleReader.flatten(pages, p -> Bundle.read(p, ListWebAcLsResponse::builder),
                ListWebAcLsResponse::webACLs)) {
            String scope = scopeOf(summary.arn());
            if (scope.equals("CLOUDFRONT") && !region.equals(WafCollector.CLOUDFRONT_REGION)) {
                continue;
            }
            JsonNode out = full.get(summary.arn());
            if (out == null) {
                notInBundle(context, "GetWebACL", summary.arn());
                continue;
            }
            WebACL acl = Bundle.read(out, GetWebAclResponse::builder).webACL();
            if (!loggingRead) {
                notInBundle(context, "GetLoggingConfiguration", summary.arn());
            }
            List<String> associated = null;
            if (scope.equals("REGIONAL")) {
                if (associationsRead) {
                    associated = new ArrayList<>();
                    for (JsonNode o : Bundle.forResource(associations, "WebACLArn", summary.arn(), x -> false, false)) {
                        associated.addAll(Bundle.read(o, ListResourcesForWebAclResponse::builder).resourceArns());
                    }
                } else {
                    notInBundle(context, "ListResourcesForWebACL", summary.arn());
                }
            }
            context.add(WafNormaliser.webAcl(new WebAclFacts(scope, acl, logging.get(summary.arn()), loggingRead,
                    associated), context.accountId(), region));
        }
    }

    private static Map<String, JsonNode> byArn(List<JsonNode> outputs, String member) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (JsonNode o : outputs) {
            JsonNode item = o.path(member);
            JsonNode arn = item.has("ARN") ? item.get("ARN") : item.path("Arn");
            if (!arn.isMissingNode()) {
                map.put(arn.asText(), o);
            }
        }
        return map;
    }

    private static void notInBundle(CollectionContext context, String operation, String arn) {
        context.gap(operation, "NotInBundle: the import has no \"wafv2:" + operation + "@" + context.region()
                + "\" output for " + arn, arn);
    }
}
