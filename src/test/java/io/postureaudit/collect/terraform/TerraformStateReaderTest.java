package io.postureaudit.collect.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local files and S3 objects through the real S3 client against the fake S3: read afresh each time, with the
 * service's own credentials, and every unusable location a problem naming it and the reason.
 */
class TerraformStateReaderTest {

    static final String EMPTY_STATE = "{\"version\":4,\"terraform_version\":\"1.9.8\",\"serial\":1,\"lineage\":\"l\","
            + "\"outputs\":{},\"resources\":[]}";

    @TempDir
    Path dir;

    @Test
    void shouldReadLocalAndS3StatesAndReportEachUnusableOneWhenScanning() throws Exception {
        Path local = dir.resolve("access.tfstate");
        Files.copy(Path.of("src/test/resources/terraform/access.tfstate"), local);
        Path old = dir.resolve("old.tfstate");
        Files.writeString(old, "{\"version\":3,\"terraform_version\":\"0.12.31\",\"serial\":3,\"modules\":[]}");
        String locations = String.join(",", local.toString(), "s3://tf-state-tooling/security/terraform.tfstate",
                dir.resolve("absent.tfstate").toString(), old.toString(), "s3://tf-state-tooling/missing.tfstate",
                "s3://just-a-bucket");
        try (CollectorHarness harness = new CollectorHarness(Map.of("posture.terraform.states", locations))) {
            FakeS3 s3 = new FakeS3();
            harness.aws.register(s3);
            s3.put("tf-state-tooling", "security/terraform.tfstate", EMPTY_STATE.replace("[]",
                    "[{\"mode\":\"managed\",\"type\":\"aws_kms_key\",\"name\":\"k\",\"provider\":\"p\",\"instances\":"
                            + "[{\"attributes\":{\"arn\":\"arn:aws:kms:ap-northeast-1:111111111111:key/k\"}}]}]"));
            TerraformStateReader reader = new TerraformStateReader(harness.config, harness.clients);

            StateRead read = reader.read();

            assertTrue(read.configured());
            Map<String, String> problems = read.problems().stream()
                    .collect(Collectors.toMap(StateRead.Problem::location, StateRead.Problem::reason));
            assertEquals("no such file", problems.get(dir.resolve("absent.tfstate").toString()));
            assertEquals("state format version 3, expected 4 (as written by Terraform 1.x); written by Terraform 0.12.31",
                    problems.get(old.toString()));
            assertTrue(problems.get("s3://tf-state-tooling/missing.tfstate").startsWith("S3 GetObject failed: NoSuchKey (404)"),
                    problems.toString());
            assertEquals("expected s3://bucket/key, found s3://just-a-bucket", problems.get("s3://just-a-bucket"));
            assertFalse(read.complete());
            assertTrue(read.instances().stream().anyMatch(i -> i.address().equals("module.access.aws_iam_role.deploy")));
            assertTrue(read.instances().stream().anyMatch(i -> i.location().equals(
                    "s3://tf-state-tooling/security/terraform.tfstate") && i.address().equals("aws_kms_key.k")));
            assertFalse(s3.reads.isEmpty());
            assertTrue(s3.reads.stream().allMatch(r -> r.startsWith(FakeAws.accessKeyFor("999999999999") + " ")),
                    "state is read with the service's own credentials, never an audit role's: " + s3.reads);
        }
    }

    @Test
    void shouldReportAccessDeniedAndReadAfreshWhenAPipelineReplacesTheObject() {
        try (CollectorHarness harness = new CollectorHarness(Map.of("posture.terraform.states",
                "s3://tf-state-tooling/security/terraform.tfstate"))) {
            FakeS3 s3 = new FakeS3();
            harness.aws.register(s3);
            s3.put("tf-state-tooling", "security/terraform.tfstate", EMPTY_STATE);
            TerraformStateReader reader = new TerraformStateReader(harness.config, harness.clients);
            assertEquals(List.of(), reader.forScan(1).problems());
            assertEquals(0, reader.forScan(1).instances().size());

            s3.put("tf-state-tooling", "security/terraform.tfstate", "<html>502 Bad Gateway</html>");
            assertEquals(List.of(), reader.forScan(1).problems(), "one scan reads its states once");
            StateRead second = reader.forScan(2);
            assertEquals(1, second.problems().size());
            assertTrue(second.problems().get(0).reason().startsWith("not JSON: "), second.problems().toString());

            harness.aws.denyAlways("s3:GetObject");
            StateRead denied = reader.forScan(3);
            assertTrue(denied.problems().get(0).reason().startsWith("S3 GetObject failed: AccessDenied (403)"),
                    denied.problems().toString());
        }
    }
}
