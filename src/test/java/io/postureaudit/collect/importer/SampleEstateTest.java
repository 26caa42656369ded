package io.postureaudit.collect.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleEstateTest {

    static List<BundleImporter.Imported> imports;

    @BeforeAll
    static void load() {
        imports = new SampleEstate(new BundleImporter()).imports();
    }

    static Collected account(String name) {
        return imports.stream().map(BundleImporter.Imported::collected).filter(c -> c.account().name().equals(name))
                .findFirst().orElseThrow();
    }

    static CollectedResource one(Collected c, String type, String name) {
        return c.resources().stream().filter(r -> r.type().equals(type) && name.equals(r.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name));
    }

    @Test
    void shouldReadEverySampleKeyWithoutGaps() {
        assertEquals(3, imports.size());
        for (BundleImporter.Imported i : imports) {
            assertEquals(List.of(), i.unknownKeys(), i.collected().account().name());
            assertEquals(List.of(), i.collected().gaps(), i.collected().account().name());
            Set<String> types = i.collected().resources().stream().map(CollectedResource::type)
                    .collect(Collectors.toSet());
            assertTrue(types.containsAll(Set.of("iam.account", "iam.user", "iam.role", "iam.policy",
                    "guardduty.detector", "kms.key")), types.toString());
            assertEquals(Set.of("global|iam", "ap-northeast-1|identitycenter", "us-east-1|identitycenter",
                    "ap-northeast-1|waf", "us-east-1|waf", "ap-northeast-1|guardduty", "us-east-1|guardduty",
                    "ap-northeast-1|kms", "us-east-1|kms"), i.collected().completeScopes());
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void shouldCarryThePlantedWeaknesses() {
        Collected dev = account("dev");
        Map<String, Object> devAccount = one(dev, "iam.account", "dev").data();
        assertTrue(devAccount.containsKey("passwordPolicy"));
        assertNull(devAccount.get("passwordPolicy"), "dev has no password policy");
        Map<String, Object> kenji = one(dev, "iam.user", "kenji").data();
        assertEquals(true, ((Map<String, Object>) kenji.get("credentials")).get("passwordEnabled"),
                kenji.get("credentials").toString());
        assertEquals(false, ((Map<String, Object>) kenji.get("credentials")).get("mfaActive"));
        CollectedResource extAudit = one(dev, "iam.role", "ext-audit");
        assertTrue(extAudit.data().toString().contains("AWS=[*]"), extAudit.data().toString());
        CollectedResource absent = dev.resources().stream().filter(r -> r.type().equals("guardduty.detector")
                && r.region().equals("us-east-1")).findFirst().orElseThrow();
        assertEquals(false, absent.data().get("enabled"));
        assertTrue(one(dev, "kms.key", "alias/shared-dev").data().get("policy").toString().contains("Principal=*"));

        Collected staging = account("staging");
        assertEquals(0, ((Map<String, Object>) one(staging, "iam.account", "staging").data().get("summary"))
                .get("AccountMFAEnabled"));
        assertEquals("PendingDeletion", one(staging, "kms.key", "alias/legacy-reports").data().get("state"));
        assertEquals("2026-12-04T00:00:00Z", one(staging, "kms.key", "alias/legacy-reports").data().get("deletionDate"));

        Map<String, Object> devRoot = (Map<String, Object>) devAccount.get("organizationsFeatures");
        assertEquals("not-management-account", devRoot.get("answer"), "a member account's refusal is a fact");

        Collected prod = account("prod");
        Map<String, Object> prodRoot = (Map<String, Object>) one(prod, "iam.account", "prod").data()
                .get("organizationsFeatures");
        assertEquals("listed", prodRoot.get("answer"));
        assertEquals(List.of("RootSessions"), prodRoot.get("enabledFeatures"),
                "prod manages the organisation, without root credentials management");
        Map<String, Object> key = one(prod, "kms.key", "alias/app-data").data();
        assertEquals(false, key.get("rotationEnabled"));
        assertEquals("2024-05-01T00:00:00Z", key.get("creationDate"), "the CLI's +09:00 normalised to UTC");
        Map<String, Object> admin = one(prod, "identitycenter.permission-set", "AdministratorAccess").data();
        assertEquals("PT12H", admin.get("sessionDuration"));
        assertEquals(List.of("161803398874", "314159265358"), admin.get("provisionedAccounts"));
        CollectedResource direct = prod.resources().stream().filter(r -> r.type().equals("identitycenter.assignment")
                && "USER".equals(r.data().get("principalType"))).findFirst().orElseThrow();
        assertEquals("aiko.tanaka@example-shop.jp", direct.data().get("principalName"));
        assertEquals("AdministratorAccess", direct.data().get("permissionSetName"));
        Map<String, Object> shop = one(prod, "waf.web-acl", "shop-web").data();
        assertNull(shop.get("logging"));
        assertEquals(true, shop.get("loggingRead"));
        assertEquals(0L, shop.get("rateBasedRuleCount"));
        assertEquals("us-east-1", one(prod, "waf.web-acl", "cdn-edge").region());
        CollectedResource detector = prod.resources().stream().filter(r -> r.type().equals("guardduty.detector")
                && r.region().equals("ap-northeast-1")).findFirst().orElseThrow();
        Map<String, Object> filter = ((List<Map<String, Object>>) detector.data().get("filters")).get(0);
        assertEquals(true, filter.get("autoArchive"));
        assertEquals(2, prod.resources().stream().filter(r -> r.type().equals("guardduty.finding")
                && r.region().equals("ap-northeast-1")).count());
        assertEquals(3, prod.resources().stream().filter(r -> r.type().equals("identitycenter.user")).count());
        assertEquals("described", ((Map<String, Object>) detector.data().get("organizationConfiguration"))
                .get("answer"), "prod is GuardDuty's delegated administrator in Tokyo");
        CollectedResource virginia = prod.resources().stream().filter(r -> r.type().equals("guardduty.detector")
                && r.region().equals("us-east-1")).findFirst().orElseThrow();
        assertEquals(Map.of("answer", "listed", "adminAccounts", List.of()), virginia.data().get("organizationAdmin"),
                "prod never delegated GuardDuty in us-east-1");
        assertEquals("not-management-account", ((Map<String, Object>) absent.data().get("organizationAdmin"))
                .get("answer"), "dev's refusal is a fact, on the no-detector stand-in too");
    }
}
