package io.postureaudit.collect.waf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeWafv2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WafCollectorTest {

    static final String ACCOUNT = "444444444444";
    static final String TOKYO = "ap-northeast-1";
    static final String VIRGINIA = "us-east-1";
    CollectorHarness h;
    AccountTarget account = CollectorHarness.account(ACCOUNT, TOKYO, VIRGINIA);
    String apiArn;

    @BeforeEach
    void start() {
        h = new CollectorHarness();
        h.waf.pageSize(2);
        ObjectNode api = h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "api");
        apiArn = api.get("ARN").asText();
        ArrayNode rules = (ArrayNode) api.get("Rules");
        rules.add(FakeJsonService.json("""
                {"Name":"common","Priority":1,"OverrideAction":{"Count":{}},
                 "Statement":{"ManagedRuleGroupStatement":{"VendorName":"AWS","Name":"AWSManagedRulesCommonRuleSet",
                   "Version":"Version_1.12","RuleActionOverrides":[{"Name":"SizeRestrictions_BODY","ActionToUse":{"Count":{}}}]}},
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"common"}}"""));
        rules.add(FakeJsonService.json("""
                {"Name":"rate","Priority":0,"Action":{"Block":{}},
                 "Statement":{"RateBasedStatement":{"Limit":2000,"AggregateKeyType":"IP","EvaluationWindowSec":300}},
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"rate"}}"""));
        rules.add(FakeJsonService.json("""
                {"Name":"bad-bots","Priority":2,"Action":{"Count":{}},
                 "Statement":{"ByteMatchStatement":{"SearchString":"Ym90","FieldToMatch":{"SingleHeader":{"Name":"user-agent"}},
                   "TextTransformations":[{"Priority":0,"Type":"LOWERCASE"}],"PositionalConstraint":"CONTAINS"}},
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"bots"}}"""));
        FakeWafv2.Region tokyo = h.waf.region(ACCOUNT, TOKYO);
        tokyo.logging.put(apiArn, FakeJsonService.json("{\"ResourceArn\":\"" + apiArn + "\",\"LogDestinationConfigs\":"
                + "[\"arn:aws:logs:ap-northeast-1:" + ACCOUNT + ":log-group:aws-waf-logs-api\"],"
                + "\"RedactedFields\":[{\"SingleHeader\":{\"Name\":\"authorization\"}}]}"));
        tokyo.associations.put(apiArn, Map.of("APPLICATION_LOAD_BALANCER", List.of("arn:aws:elasticloadbalancing:"
                + TOKYO + ":" + ACCOUNT + ":loadbalancer/app/api/1"), "API_GATEWAY", List.of("arn:aws:apigateway:"
                + TOKYO + "::/restapis/abc/stages/prod")));
        h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "admin");
        h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "internal");
        h.waf.webAcl(ACCOUNT, VIRGINIA, "CLOUDFRONT", "cdn");
        h.waf.ruleGroup(ACCOUNT, TOKYO, "REGIONAL", "custom");
        h.waf.ipSet(ACCOUNT, TOKYO, "REGIONAL", "office", "203.0.113.0/24", "198.51.100.7/32");
        h.aws.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldReadRulesLoggingAndAssociationsAcrossPages() {
        CollectionContext c = h.run(new WafCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        List<CollectedResource> acls = c.resources().stream().filter(r -> r.type().equals("waf.web-acl")).toList();
        assertEquals(3, acls.size());
        assertEquals(2, h.aws.calls("wafv2:ListWebACLs"), "three ACLs in pages of two");
        Map<String, Object> api = acls.stream().filter(a -> a.name().equals("api")).findFirst().orElseThrow().data();
        assertEquals("REGIONAL", api.get("scope"));
        assertEquals("ALLOW", api.get("defaultAction"));
        assertEquals(1L, api.get("rateBasedRuleCount"));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) api.get("rules");
        assertEquals(List.of("rate", "common", "bad-bots"), rules.stream().map(r -> r.get("name")).toList(),
                "rules in priority order");
        assertEquals("BLOCK", rules.get(0).get("action"));
        assertEquals(Map.of("limit", 2000L, "aggregateKeyType", "IP", "evaluationWindowSec", 300L, "scopeDown", false),
                rules.get(0).get("rateBased"));
        Map<String, Object> managed = (Map<String, Object>) rules.get(1).get("managedRuleGroup");
        assertEquals("AWS", managed.get("vendorName"));
        assertEquals("AWSManagedRulesCommonRuleSet", managed.get("name"));
        assertEquals("Version_1.12", managed.get("version"));
        assertEquals(List.of(Map.of("name", "SizeRestrictions_BODY", "actionToUse", "COUNT")),
                managed.get("ruleActionOverrides"));
        assertEquals("COUNT", rules.get(1).get("overrideAction"));
        assertNull(rules.get(1).get("action"));
        assertEquals("COUNT", rules.get(2).get("action"));
        assertEquals("byteMatchStatement", rules.get(2).get("statementType"));
        Map<String, Object> byteMatch = (Map<String, Object>) ((Map<String, Object>) rules.get(2).get("statement"))
                .get("byteMatchStatement");
        assertEquals("Ym90", byteMatch.get("searchString"), "bytes kept as base64, as the CLI prints them");
        Map<String, Object> logging = (Map<String, Object>) api.get("logging");
        assertEquals(List.of("arn:aws:logs:ap-northeast-1:" + ACCOUNT + ":log-group:aws-waf-logs-api"),
                logging.get("destinations"));
        assertEquals(List.of(Map.of("singleHeader", Map.of("name", "authorization"))), logging.get("redactedFields"));
        assertEquals(2, ((List<?>) api.get("associatedResources")).size());
        Map<String, Object> admin = acls.stream().filter(a -> a.name().equals("admin")).findFirst().orElseThrow().data();
        assertNull(admin.get("logging"), "no logging is a fact");
        assertEquals(true, admin.get("loggingRead"));
        assertEquals(0L, admin.get("rateBasedRuleCount"));
        CollectedResource ipSet = c.resources().stream().filter(r -> r.type().equals("waf.ip-set")).findFirst()
                .orElseThrow();
        assertEquals(List.of("198.51.100.7/32", "203.0.113.0/24"), ipSet.data().get("addresses"));
        assertEquals(1, c.resources().stream().filter(r -> r.type().equals("waf.rule-group")).count());
        assertEquals(3 * WafCollector.REGIONAL_RESOURCE_TYPES.size(), h.aws.calls("wafv2:ListResourcesForWebACL"));
    }

    @Test
    void shouldReadCloudFrontAclsOnlyInUsEast1() {
        CollectionContext c = h.run(new WafCollector(4), account, VIRGINIA);
        assertEquals(List.of(), c.gaps());
        assertEquals(1, c.resources().size());
        assertEquals("CLOUDFRONT", c.resources().get(0).data().get("scope"));
        assertEquals(VIRGINIA, c.resources().get(0).region());
        assertEquals(0, h.aws.calls("wafv2:ListResourcesForWebACL"), "CloudFront associations live in CloudFront");
    }

    @Test
    void shouldReadCloudFrontAclsWhenUsEast1IsNotAmongTheAccountRegions() {
        AccountTarget tokyoOnly = CollectorHarness.account(ACCOUNT, TOKYO);
        h.waf.webAcl(ACCOUNT, VIRGINIA, "REGIONAL", "virginia-alb");
        WafCollector collector = new WafCollector(4);
        assertEquals(List.of(TOKYO, VIRGINIA), collector.regions(tokyoOnly));
        CollectionContext c = h.run(collector, tokyoOnly, VIRGINIA);
        assertEquals(List.of(), c.gaps());
        assertEquals(List.of("cdn"), c.resources().stream().map(r -> r.name()).toList(),
                "only CloudFront ACLs are read in a region the account did not ask for");
        assertEquals(List.of(TOKYO, VIRGINIA), collector.regions(account), "us-east-1 is not added twice");
    }

    @Test
    void shouldRecordGapsAndKeepGoingWhenCallsAreDenied() {
        h.aws.denyAlways("wafv2:GetLoggingConfiguration");
        h.aws.denyAlways("wafv2:ListIPSets");
        CollectionContext c = h.run(new WafCollector(4), account, TOKYO);
        assertEquals(3, c.resources().stream().filter(r -> r.type().equals("waf.web-acl")).count());
        assertEquals(3, c.gaps().stream().filter(g -> g.operation().equals("GetLoggingConfiguration")).count());
        assertEquals(1, c.gaps().stream().filter(g -> g.operation().equals("ListIPSets") && g.resourceArn() == null)
                .count());
        assertTrue(c.resources().stream().filter(r -> r.type().equals("waf.web-acl"))
                .allMatch(r -> r.data().get("loggingRead").equals(false) && r.data().get("logging") == null));
    }

    @Test
    void shouldSkipResourceTypesTheRegionDoesNotOfferWithoutGap() {
        h.aws.inject("wafv2:ListResourcesForWebACL", new io.postureaudit.fakeaws.FakeAws.Fault(400,
                "WAFInvalidParameterException", "The resource type APP_RUNNER_SERVICE is not supported here", 0, 3));
        CollectionContext c = h.run(new WafCollector(1), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        assertTrue(c.resources().stream().filter(r -> r.type().equals("waf.web-acl"))
                .allMatch(r -> r.data().get("associatedResources") instanceof List));
    }

    @Test
    void shouldRecordGapAndUnknownAssociationsWhenListingIsDenied() {
        h.aws.denyAlways("wafv2:ListResourcesForWebACL");
        CollectionContext c = h.run(new WafCollector(4), account, TOKYO);
        assertEquals(3, c.gaps().stream().filter(g -> g.operation().equals("ListResourcesForWebACL")).count());
        assertEquals(3, h.aws.calls("wafv2:ListResourcesForWebACL"), "stops at the first denial per ACL");
    }

    @Test
    void shouldRetryThrottledGetWebAcl() {
        h.aws.throttle("wafv2:GetWebACL", 3);
        CollectionContext c = h.run(new WafCollector(4), account, TOKYO);
        assertEquals(List.of(), c.gaps());
        assertEquals(6, h.aws.calls("wafv2:GetWebACL"));
    }
}
