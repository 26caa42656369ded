package io.postureaudit.collect.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.SdkJson;
import io.postureaudit.collect.kms.KmsCollector;
import io.postureaudit.collect.waf.WafCollector;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeWafv2;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The import path and the live path share their normalisers: the same facts, fetched live from the fake or read
 * from a bundle of CLI outputs (ISO dates with offsets, policies as objects or URL-encoded), give equal resources.
 */
class ImportMatchesLiveTest {

    static final String ACCOUNT = "777777777777";
    static final String TOKYO = "ap-northeast-1";
    static final ObjectMapper JSON = new ObjectMapper();

    static List<CollectedResource> sorted(List<CollectedResource> resources, String type) {
        return resources.stream().filter(r -> r.type().equals(type)).sorted(Comparator.comparing(CollectedResource::arn))
                .toList();
    }

    @Test
    void shouldNormaliseKmsKeysIdenticallyFromLiveCallsAndFromCliOutput() {
        try (CollectorHarness h = new CollectorHarness()) {
            FakeKms.Key key = h.kms.customerKey(ACCOUNT, TOKYO, "aaaa1111-0000-4000-8000-000000000001");
            key.rotationEnabled = true;
            key.rotationPeriodInDays = 180;
            key.grants.add(FakeJsonService.json("{\"GrantId\":\"g1\",\"KeyId\":\"" + key.arn() + "\","
                    + "\"GranteePrincipal\":\"arn:aws:iam::" + ACCOUNT + ":role/app\",\"Operations\":[\"Decrypt\"],"
                    + "\"CreationDate\":1714521600}"));
            h.kms.alias(ACCOUNT, TOKYO, "alias/app", key.id());
            AccountTarget account = CollectorHarness.account(ACCOUNT, TOKYO);
            CollectionContext live = h.run(new KmsCollector(2), account, TOKYO);

            ObjectNode bundle = JSON.createObjectNode();
            bundle.set("kms:ListKeys@" + TOKYO, FakeJsonService.json("{\"Keys\":[{\"KeyId\":\"" + key.id()
                    + "\",\"KeyArn\":\"" + key.arn() + "\"}],\"Truncated\":false}"));
            bundle.set("kms:ListAliases@" + TOKYO, JSON.createObjectNode().set("Aliases",
                    JSON.createArrayNode().add(h.kms.region(ACCOUNT, TOKYO).aliases.get(0))));
            ObjectNode metadata = key.metadata.deepCopy();
            metadata.put("CreationDate", "2024-05-01T09:00:00.000000+09:00"); // how the CLI prints 1714521600
            bundle.set("kms:DescribeKey@" + TOKYO, JSON.createArrayNode().add(JSON.createObjectNode()
                    .set("KeyMetadata", metadata)));
            bundle.set("kms:GetKeyRotationStatus@" + TOKYO, FakeJsonService.json("{\"KeyRotationEnabled\":true,"
                    + "\"KeyId\":\"" + key.arn() + "\",\"RotationPeriodInDays\":180}"));
            ObjectNode policy = JSON.createObjectNode().put("PolicyName", "default")
                    .put("Policy", URLEncoder.encode(key.policy, StandardCharsets.UTF_8));
            policy.putObject("@request").put("KeyId", key.id());
            bundle.set("kms:GetKeyPolicy@" + TOKYO, policy);
            ObjectNode grants = JSON.createObjectNode().put("Truncated", false);
            grants.set("Grants", JSON.createArrayNode().add(key.grants.get(0)));
            bundle.set("kms:ListGrants@" + TOKYO, grants);

            BundleImporter.Imported imported = new BundleImporter().read(ACCOUNT, "acct-" + ACCOUNT, bundle,
                    List.of(TOKYO));
            assertEquals(List.of(), imported.unknownKeys());
            assertEquals(sorted(live.resources(), "kms.key"), sorted(imported.collected().resources(), "kms.key"));
            assertTrue(imported.collected().gaps().stream().noneMatch(g -> g.service().equals("kms")),
                    imported.collected().gaps().toString());
        }
    }

    @Test
    void shouldNormaliseWebAclsIdenticallyFromLiveCallsAndFromCliOutput() {
        try (CollectorHarness h = new CollectorHarness()) {
            ObjectNode acl = h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "api");
            ((ArrayNode) acl.get("Rules")).add(FakeJsonService.json("""
                    {"Name":"rate","Priority":0,"Action":{"Block":{}},
                     "Statement":{"RateBasedStatement":{"Limit":1000,"AggregateKeyType":"IP"}},
                     "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"r"}}"""));
            String arn = acl.get("ARN").asText();
            FakeWafv2.Region region = h.waf.region(ACCOUNT, TOKYO);
            region.associations.put(arn, Map.of("API_GATEWAY", List.of("arn:aws:apigateway:ap-northeast-1::/restapis/x/stages/p")));
            CollectionContext live = h.run(new WafCollector(2), CollectorHarness.account(ACCOUNT, TOKYO), TOKYO);

            ObjectNode bundle = JSON.createObjectNode();
            bundle.set("wafv2:ListWebACLs@" + TOKYO, FakeJsonService.json("{\"WebACLs\":[{\"Name\":\"api\",\"Id\":\""
                    + acl.get("Id").asText() + "\",\"ARN\":\"" + arn + "\"}]}"));
            bundle.set("wafv2:GetWebACL@" + TOKYO, JSON.createObjectNode().put("LockToken", "t").set("WebACL", acl));
            bundle.set("wafv2:ListLoggingConfigurations@" + TOKYO, FakeJsonService.json("{\"LoggingConfigurations\":[]}"));
            ObjectNode assoc = FakeJsonService.json("{\"ResourceArns\":[\"arn:aws:apigateway:ap-northeast-1::/restapis/x/stages/p\"]}");
            assoc.putObject("@request").put("WebACLArn", arn).put("ResourceType", "API_GATEWAY");
            bundle.set("wafv2:ListResourcesForWebACL@" + TOKYO, assoc);
            bundle.set("wafv2:ListRuleGroups@" + TOKYO, FakeJsonService.json("{\"RuleGroups\":[]}"));
            bundle.set("wafv2:ListIPSets@" + TOKYO, FakeJsonService.json("{\"IPSets\":[]}"));
            BundleImporter.Imported imported = new BundleImporter().read(ACCOUNT, "acct-" + ACCOUNT, bundle,
                    List.of(TOKYO));
            assertEquals(sorted(live.resources(), "waf.web-acl"), sorted(imported.collected().resources(),
                    "waf.web-acl"));
            assertTrue(imported.collected().gaps().stream().noneMatch(g -> g.service().equals("waf")),
                    imported.collected().gaps().toString());
        }
    }

    @Test
    void shouldNameKeyPathWhenAnOutputHasTheWrongShape() {
        ObjectNode bundle = FakeJsonService.json("{\"kms:ListKeys@ap-northeast-1\": {\"Keys\": {\"KeyId\": \"x\"}}}");
        BundleImporter.Imported imported = new BundleImporter().read(ACCOUNT, null, bundle, List.of(TOKYO));
        assertTrue(imported.collected().gaps().stream().anyMatch(g -> g.error().contains("$.Keys: expected an array,"
                + " found object")), imported.collected().gaps().toString());
        assertThrows(SdkJson.ShapeException.class, () -> SdkJson.read(FakeJsonService.json("{\"Enabled\": \"maybe\"}"),
                software.amazon.awssdk.services.kms.model.KeyMetadata::builder));
    }
}
