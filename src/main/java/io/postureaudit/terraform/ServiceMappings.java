package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateInstance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The AWS provider's KMS, WAFv2 and GuardDuty resource types. */
final class ServiceMappings {

    private ServiceMappings() {
    }

    static void register(Map<String, Mapping> into) {
        into.put("aws_kms_key", Mapping.primary(ResourceTypes.KMS_KEY, ServiceMappings::kmsKey));
        into.put("aws_kms_alias", Mapping.part(ResourceTypes.KMS_KEY, (i, index) -> live(index, i.text("target_key_arn")),
                (i, live) -> Diffs.of(i).holds("/aliases", i.text("name"), Values.strings(live.data().get("aliases")),
                        false).list()));
        into.put("aws_wafv2_web_acl", Mapping.primary(ResourceTypes.WAF_WEB_ACL, ServiceMappings::webAcl));
        into.put("aws_wafv2_web_acl_association", Mapping.part(ResourceTypes.WAF_WEB_ACL,
                (i, index) -> live(index, i.text("web_acl_arn")), (i, live) -> {
                    Diffs d = Diffs.of(i);
                    if (Boolean.TRUE.equals(live.data().get("associationsRead"))) {
                        d.holds("/associatedResources", i.text("resource_arn"),
                                Values.strings(live.data().get("associatedResources")), true);
                    }
                    return d.list();
                }));
        into.put("aws_wafv2_web_acl_logging_configuration", Mapping.part(ResourceTypes.WAF_WEB_ACL,
                (i, index) -> live(index, i.text("resource_arn")), (i, live) -> {
                    Diffs d = Diffs.of(i);
                    if (Boolean.TRUE.equals(live.data().get("loggingRead"))) {
                        List<String> state = sorted(Values.strings(i.attributes().get("log_destination_configs")));
                        Object logging = live.data().get("logging");
                        d.same("/logging/destinations", state, logging == null ? null
                                : sorted(Values.strings(Values.map(logging).get("destinations"))), true);
                    }
                    return d.list();
                }));
        into.put("aws_guardduty_detector", Mapping.primary(ResourceTypes.GUARDDUTY_DETECTOR, (i, live) -> Diffs.of(i)
                .same("/enabled", i.attributes().get("enable"), live.data().get("enabled"), true)
                .same("/findingPublishingFrequency", i.text("finding_publishing_frequency"),
                        live.data().get("findingPublishingFrequency"), true).list()));
        into.put("aws_guardduty_filter", Mapping.part(ResourceTypes.GUARDDUTY_DETECTOR,
                (i, index) -> live(index, detectorOfFilter(i.text("arn"))), ServiceMappings::filter));
    }

    private static List<String> live(LiveIndex index, String arn) {
        return index.get(arn).map(r -> List.of(r.arn())).orElse(List.of());
    }

    private static List<String> sorted(List<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    /** {@code arn:aws:guardduty:r:a:detector/ID/filter/NAME} → {@code arn:aws:guardduty:r:a:detector/ID}. */
    static String detectorOfFilter(String filterArn) {
        if (filterArn == null || !filterArn.contains("/filter/")) {
            return null;
        }
        return filterArn.substring(0, filterArn.indexOf("/filter/"));
    }

    private static List<FieldDiff> kmsKey(StateInstance i, CollectedResource live) {
        Diffs d = Diffs.of(i);
        if (live.data().get("rotationEnabled") != null) {
            d.same("/rotationEnabled", i.attributes().get("enable_key_rotation"), live.data().get("rotationEnabled"),
                    true);
        }
        d.same("/enabled", i.attributes().get("is_enabled"), live.data().get("enabled"), true);
        if (live.data().get("policy") != null && i.text("policy") != null) {
            d.policy("/policy", i.text("policy"), live.data().get("policy"));
        }
        return d.same("/description", i.text("description"), live.data().get("description"), false).list();
    }

    private static List<FieldDiff> webAcl(StateInstance i, CollectedResource live) {
        Diffs d = Diffs.of(i).same("/defaultAction", chosen(Values.block(i.attributes().get("default_action"))),
                live.data().get("defaultAction"), true);
        Map<String, Map<String, Object>> liveRules = new LinkedHashMap<>();
        Values.list(live.data().get("rules")).forEach(r -> liveRules.put(String.valueOf(Values.map(r).get("name")),
                Values.map(r)));
        Map<String, Map<String, Object>> stateRules = new LinkedHashMap<>();
        Values.list(i.attributes().get("rule")).forEach(r -> stateRules.put(String.valueOf(Values.map(r).get("name")),
                Values.map(r)));
        stateRules.forEach((name, rule) -> {
            String path = "/rules/" + Values.token(name);
            Map<String, Object> liveRule = liveRules.get(name);
            String action = chosen(Values.block(rule.get("action")));
            String override = chosen(Values.block(rule.get("override_action")));
            if (liveRule == null) {
                d.add(path, summary(name, action, override), null, true);
                return;
            }
            if (action != null) {
                d.same(path + "/action", action, liveRule.get("action"), true);
            }
            if (override != null) {
                d.same(path + "/overrideAction", override, liveRule.get("overrideAction"), true);
            }
        });
        liveRules.forEach((name, rule) -> {
            if (!stateRules.containsKey(name)) {
                d.add("/rules/" + Values.token(name), null, summary(name, (String) rule.get("action"),
                        (String) rule.get("overrideAction")), true);
            }
        });
        return d.same("/description", i.text("description"), live.data().get("description"), false).list();
    }

    private static Map<String, Object> summary(String name, String action, String override) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("action", action);
        out.put("overrideAction", override);
        return out;
    }

    /** The one nested block that is set, e.g. {@code {allow: [], block: [{}]}} → {@code BLOCK}. */
    static String chosen(Map<String, Object> block) {
        for (Map.Entry<String, Object> e : block.entrySet()) {
            if (e.getValue() instanceof List<?> l && !l.isEmpty()) {
                return e.getKey().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private static List<FieldDiff> filter(StateInstance i, CollectedResource live) {
        Diffs d = Diffs.of(i);
        if (!Boolean.TRUE.equals(live.data().get("filtersRead"))) {
            return d.list();
        }
        String name = i.text("name");
        String path = "/filters/" + Values.token(String.valueOf(name));
        Map<String, Object> liveFilter = Values.list(live.data().get("filters")).stream().map(Values::map)
                .filter(f -> String.valueOf(name).equals(f.get("name"))).findFirst().orElse(null);
        if (liveFilter == null) {
            return d.add(path, i.text("action"), null, true).list();
        }
        return d.same(path + "/action", i.text("action"), liveFilter.get("action"), true)
                .same(path + "/rank", i.attributes().get("rank"), liveFilter.get("rank"), false).list();
    }
}
