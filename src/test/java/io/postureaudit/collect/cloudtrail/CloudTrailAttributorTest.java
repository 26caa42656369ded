package io.postureaudit.collect.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.Gap;
import io.postureaudit.fakeaws.FakeCloudTrail;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real CloudTrail client against the fake event history: who made each change, a Terraform run told from a
 * console edit by its user agent, Identity Center people by their session, pages followed, reads ignored, and a
 * denied region a gap.
 */
class CloudTrailAttributorTest {

    static final String DEV = "111111111111";
    static final Instant PREVIOUS = Instant.parse("2026-11-28T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    static final String SSO = "arn:aws:sts::" + DEV + ":assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/aiko@example.com";
    static final String CI = "arn:aws:sts::" + DEV + ":assumed-role/terraform-ci/gha-run-4711";

    @Test
    void shouldNameWhoChangedEachResourceBetweenTheTwoScans() {
        try (CollectorHarness harness = new CollectorHarness()) {
            FakeCloudTrail trail = new FakeCloudTrail();
            trail.pageSize(1);
            harness.aws.register(trail);
            // IAM: recorded in us-east-1 whatever region the caller used.
            trail.event(DEV, "us-east-1", "iam.amazonaws.com", "UpdateAssumeRolePolicy",
                    Instant.parse("2026-11-29T01:15:00Z"), CI, "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false,
                    "AWS::IAM::Role=deploy");
            trail.event(DEV, "us-east-1", "iam.amazonaws.com", "GetRole", Instant.parse("2026-11-29T03:00:00Z"),
                    "arn:aws:sts::" + DEV + ":assumed-role/PostureAudit/posture-audit-scan-2", "198.51.100.7",
                    "aws-sdk-java/2.40.2", true, "AWS::IAM::Role=deploy");
            trail.event(DEV, "us-east-1", "iam.amazonaws.com", "AttachRolePolicy", Instant.parse("2026-11-27T10:00:00Z"),
                    SSO, "203.0.113.5", FakeCloudTrail.CONSOLE_AGENT, false, "AWS::IAM::Role=ops");
            trail.event(DEV, "us-east-1", "iam.amazonaws.com", "AttachRolePolicy", Instant.parse("2026-11-29T09:30:00Z"),
                    SSO, "203.0.113.5", FakeCloudTrail.CONSOLE_AGENT, false, "AWS::IAM::Role=ops",
                    "AWS::IAM::Policy=arn:aws:iam::aws:policy/AdministratorAccess");
            trail.event(DEV, "ap-northeast-1", "kms.amazonaws.com", "DisableKeyRotation",
                    Instant.parse("2026-11-29T12:00:00Z"), "arn:aws:iam::" + DEV + ":user/kenta", "203.0.113.9",
                    "aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.0 os/macos", false, "AWS::KMS::Key=arn:aws:kms:ap-northeast-1:"
                            + DEV + ":key/k1");
            CloudTrailAttributor attributor = new CloudTrailAttributor(harness.clients);
            AccountTarget account = CollectorHarness.account(DEV, "ap-northeast-1");

            CloudTrailAttributor.Result result = attributor.attribute(account, 3, List.of(
                    new AttributionRequest("1", "global", "deploy", PREVIOUS, NOW),
                    new AttributionRequest("2", "global", "ops", PREVIOUS, NOW),
                    new AttributionRequest("3", "ap-northeast-1", "arn:aws:kms:ap-northeast-1:" + DEV + ":key/k1",
                            PREVIOUS, NOW),
                    new AttributionRequest("4", "global", "nobody-touched-this", PREVIOUS, NOW)));

            assertEquals(List.of(), result.gaps());
            Actor terraform = result.actors().get("1");
            assertEquals(new Actor(CI, "gha-run-4711", "UpdateAssumeRolePolicy", "2026-11-29T01:15:00Z", "192.0.2.10",
                    FakeCloudTrail.TERRAFORM_AGENT), terraform, "the scan's own GetRole later is a read, not the change");
            Actor console = result.actors().get("2");
            assertEquals("aiko@example.com", console.userName(), "the person behind the Identity Center session");
            assertEquals(SSO, console.principal());
            assertEquals("2026-11-29T09:30:00Z", console.time(), "the change inside the window, not the older one");
            assertEquals(FakeCloudTrail.CONSOLE_AGENT, console.userAgent());
            assertEquals("kenta", result.actors().get("3").userName());
            assertEquals("DisableKeyRotation", result.actors().get("3").event());
            assertFalse(result.actors().containsKey("4"));
            assertTrue(harness.aws.calls("cloudtrail:LookupEvents") >= 5, "pages of one event each were followed: "
                    + harness.aws.calls("cloudtrail:LookupEvents"));
        }
    }

    @Test
    void shouldReportADeniedRegionOnceAndLeaveItsChangesUnattributed() {
        try (CollectorHarness harness = new CollectorHarness()) {
            FakeCloudTrail trail = new FakeCloudTrail();
            harness.aws.register(trail);
            trail.event(DEV, "us-east-1", "iam.amazonaws.com", "PutRolePolicy", Instant.parse("2026-11-29T01:00:00Z"),
                    CI, "192.0.2.10", FakeCloudTrail.TERRAFORM_AGENT, false, "AWS::IAM::Role=deploy");
            harness.aws.denyAlways("cloudtrail:LookupEvents");
            CloudTrailAttributor.Result result = new CloudTrailAttributor(harness.clients).attribute(
                    CollectorHarness.account(DEV, "ap-northeast-1"), 4, List.of(
                            new AttributionRequest("1", "global", "deploy", PREVIOUS, NOW),
                            new AttributionRequest("2", "global", "ops", PREVIOUS, NOW)));
            assertTrue(result.actors().isEmpty());
            assertEquals(1, result.gaps().size(), result.gaps().toString());
            Gap gap = result.gaps().get(0);
            assertEquals("cloudtrail", gap.service());
            assertEquals("LookupEvents", gap.operation());
            assertEquals("us-east-1", gap.region());
            assertTrue(gap.error().startsWith("AccessDenied (403)"), gap.error());
            assertEquals(1, harness.aws.calls("cloudtrail:LookupEvents"), "a blind region is not asked again");
        }
    }
}
