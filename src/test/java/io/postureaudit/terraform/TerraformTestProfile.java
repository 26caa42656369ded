package io.postureaudit.terraform;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Its own application and database, with two Terraform states configured: a local file (a copy of
 * {@code src/test/resources/terraform/access.tfstate}, so tests may replace it) and an object in the fake S3.
 */
public class TerraformTestProfile implements QuarkusTestProfile {

    public static final String S3_STATE = "s3://tf-state-tooling/security/terraform.tfstate";
    public static final Path LOCAL_STATE = copy();

    private static Path copy() {
        try {
            Path dir = Files.createTempDirectory("posture-tfstate");
            Path file = dir.resolve("access.tfstate");
            Files.copy(Path.of("src/test/resources/terraform/access.tfstate"), file);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the Terraform state", e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", "0", "posture.terraform.states", LOCAL_STATE + ", " + S3_STATE);
    }
}
