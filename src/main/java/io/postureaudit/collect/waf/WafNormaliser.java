package io.postureaudit.collect.waf;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.SdkJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.wafv2.model.DefaultAction;
import software.amazon.awssdk.services.wafv2.model.IPSet;
import software.amazon.awssdk.services.wafv2.model.LoggingConfiguration;
import software.amazon.awssdk.services.wafv2.model.ManagedRuleGroupStatement;
import software.amazon.awssdk.services.wafv2.model.OverrideAction;
import software.amazon.awssdk.services.wafv2.model.RateBasedStatement;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.RuleAction;
import software.amazon.awssdk.services.wafv2.model.RuleGroup;
import software.amazon.awssdk.services.wafv2.model.Statement;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * WAFv2 web ACLs, rule groups and IP sets as contract resources; shared by the live and import paths. Each rule
 * keeps its full statement tree and gets a flat summary (action, managed group, rate limit) for rules to read.
 */
public final class WafNormaliser {

    /** Capacity (WCU) is computed by WAF from the rules, whose own change is what counts. */
    static final Map<String, List<String>> NOISY_FIELDS = Map.of(
            ResourceTypes.WAF_WEB_ACL, List.of("/capacity", "/rateBasedRuleCount"));

    private WafNormaliser() {
    }

    public static CollectedResource webAcl(WebAclFacts facts, String accountId, String region) {
        WebACL acl = facts.webAcl();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", acl.name());
        data.put("id", acl.id());
        data.put("arn", acl.arn());
        data.put("scope", facts.scope());
        data.put("description", acl.description());
        data.put("defaultAction", defaultAction(acl.defaultAction()));
        data.put("capacity", acl.capacity());
        data.put("managedByFirewallManager", Boolean.TRUE.equals(acl.managedByFirewallManager()));
        data.put("visibilityConfig", SdkJson.camelMap(acl.visibilityConfig()));
        data.put("rules", rules(acl.rules()));
        data.put("rateBasedRuleCount", acl.rules().stream().filter(r -> r.statement() != null
                && r.statement().rateBasedStatement() != null).count());
        data.put("loggingRead", facts.loggingRead());
        data.put("logging", logging(facts.logging()));
        // False for CLOUDFRONT ACLs (CloudFront keeps those links) and when the listing failed: "none" is unknown then.
        data.put("associationsRead", facts.associatedResources() != null);
        data.put("associatedResources", facts.associatedResources() == null ? List.of()
                : facts.associatedResources().stream().sorted().toList());
        return new CollectedResource(acl.arn(), ResourceTypes.WAF_WEB_ACL, accountId, region, acl.name(), data,
                Map.of());
    }

    public static CollectedResource ruleGroup(String scope, RuleGroup group, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", group.name());
        data.put("id", group.id());
        data.put("arn", group.arn());
        data.put("scope", scope);
        data.put("description", group.description());
        data.put("capacity", group.capacity());
        data.put("visibilityConfig", SdkJson.camelMap(group.visibilityConfig()));
        data.put("rules", rules(group.rules()));
        return new CollectedResource(group.arn(), ResourceTypes.WAF_RULE_GROUP, accountId, region, group.name(),
                data, Map.of());
    }

    public static CollectedResource ipSet(String scope, IPSet set, String accountId, String region) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", set.name());
        data.put("id", set.id());
        data.put("arn", set.arn());
        data.put("scope", scope);
        data.put("description", set.description());
        data.put("ipAddressVersion", set.ipAddressVersionAsString());
        data.put("addresses", set.addresses().stream().sorted().toList());
        return new CollectedResource(set.arn(), ResourceTypes.WAF_IP_SET, accountId, region, set.name(), data,
                Map.of());
    }

    private static String defaultAction(DefaultAction action) {
        if (action == null) {
            return null;
        }
        return action.block() != null ? "BLOCK" : action.allow() != null ? "ALLOW" : null;
    }

    static String action(RuleAction action) {
        if (action == null) {
            return null;
        }
        return action.block() != null ? "BLOCK" : action.allow() != null ? "ALLOW" : action.count() != null ? "COUNT"
                : action.captcha() != null ? "CAPTCHA" : action.challenge() != null ? "CHALLENGE" : null;
    }

    private static String overrideAction(OverrideAction action) {
        if (action == null) {
            return null;
        }
        return action.count() != null ? "COUNT" : action.none() != null ? "NONE" : null;
    }

    private static List<Object> rules(List<Rule> rules) {
        List<Object> out = new ArrayList<>();
        for (Rule rule : rules.stream().sorted(Comparator.comparing(r -> r.priority() == null ? 0 : r.priority()))
                .toList()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rule.name());
            r.put("priority", rule.priority());
            r.put("action", action(rule.action()));
            r.put("overrideAction", overrideAction(rule.overrideAction()));
            Statement statement = rule.statement();
            r.put("statementType", statementType(statement));
            r.put("managedRuleGroup", statement == null ? null : managed(statement.managedRuleGroupStatement()));
            r.put("ruleGroupReference", statement == null || statement.ruleGroupReferenceStatement() == null ? null
                    : statement.ruleGroupReferenceStatement().arn());
            r.put("rateBased", statement == null ? null : rateBased(statement.rateBasedStatement()));
            r.put("statement", SdkJson.camelMap(statement));
            r.put("visibilityConfig", SdkJson.camelMap(rule.visibilityConfig()));
            r.put("ruleLabels", rule.ruleLabels().stream().map(l -> l.name()).toList());
            out.add(r);
        }
        return out;
    }

    /** The one statement member that is set, e.g. {@code managedRuleGroupStatement}. */
    private static String statementType(Statement statement) {
        if (statement == null) {
            return null;
        }
        Map<String, Object> tree = SdkJson.camelMap(statement);
        return tree.keySet().stream().findFirst().orElse(null);
    }

    private static Map<String, Object> managed(ManagedRuleGroupStatement m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vendorName", m.vendorName());
        out.put("name", m.name());
        out.put("version", m.version());
        List<Object> overrides = new ArrayList<>();
        m.ruleActionOverrides().forEach(o -> overrides.add(Map.of("name", o.name(),
                "actionToUse", String.valueOf(action(o.actionToUse())))));
        out.put("ruleActionOverrides", overrides);
        out.put("excludedRules", m.excludedRules().stream().map(e -> e.name()).toList());
        return out;
    }

    private static Map<String, Object> rateBased(RateBasedStatement rate) {
        if (rate == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", rate.limit());
        out.put("aggregateKeyType", rate.aggregateKeyTypeAsString());
        out.put("evaluationWindowSec", rate.evaluationWindowSec());
        out.put("scopeDown", rate.scopeDownStatement() != null);
        return out;
    }

    private static Map<String, Object> logging(LoggingConfiguration logging) {
        if (logging == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("destinations", logging.logDestinationConfigs());
        List<Object> redacted = new ArrayList<>();
        logging.redactedFields().forEach(f -> redacted.add(SdkJson.camelMap(f)));
        out.put("redactedFields", redacted);
        out.put("managedByFirewallManager", Boolean.TRUE.equals(logging.managedByFirewallManager()));
        out.put("loggingFilter", logging.loggingFilter() == null ? null : SdkJson.camelMap(logging.loggingFilter()));
        return out;
    }
}
