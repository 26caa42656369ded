package io.postureaudit.fakeaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fake's faults as the real SDK sees them: each service's documented throttling answer is recognised as
 * throttling, server errors and dropped or cut-off answers are retried, a hung call is bounded by the SDK's timeouts,
 * and a rate throttles about that share of calls.
 */
class FakeAwsFaultsTest {

    private static final String ACCOUNT = "123456789012";
    private final FakeAws aws = new FakeAws().register(new FakeIamExtras(new FakeIam())).register(new FakeKms())
            .register(new FakeGuardDuty()).register(new FakeOrganizations()).register(new FakeS3());

    @AfterEach
    void close() {
        aws.close();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, int attempts) {
        return builder.region(Region.AP_NORTHEAST_1).endpointOverride(URI.create(aws.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        FakeAws.accessKeyFor(ACCOUNT), "fake-secret")))
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(attempts)
                                .build())
                        .apiCallAttemptTimeout(Duration.ofMillis(300)).apiCallTimeout(Duration.ofSeconds(3)).build())
                .build();
    }

    private static AwsServiceException serviceError(Runnable call) {
        return assertThrows(AwsServiceException.class, call::run);
    }

    @Test
    void shouldAnswerEachServicesDocumentedThrottlingErrorThatTheSdkTreatsAsThrottling() {
        aws.throttle("iam", 1);
        aws.throttle("kms", 1);
        aws.throttle("guardduty", 1);
        aws.throttle("organizations", 1);
        aws.throttle("s3", 1);
        try (IamClient iam = client(IamClient.builder().region(Region.AWS_GLOBAL), 1);
                KmsClient kms = client(KmsClient.builder(), 1);
                GuardDutyClient guardDuty = client(GuardDutyClient.builder(), 1);
                OrganizationsClient organizations = client(OrganizationsClient.builder(), 1);
                S3Client s3 = client(S3Client.builder().forcePathStyle(true), 1)) {
            assertThrottled(serviceError(iam::getAccountSummary), 400, "Throttling");
            assertThrottled(serviceError(kms::listKeys), 400, "ThrottlingException");
            assertThrottled(serviceError(guardDuty::listDetectors), 429, "TooManyRequestsException");
            assertThrottled(serviceError(organizations::listAccounts), 400, "TooManyRequestsException");
            assertThrottled(serviceError(() -> s3.getObjectAsBytes(r -> r.bucket("state").key("k"))), 503, "SlowDown");
        }
        assertEquals(5, aws.faultsServed().values().stream().mapToInt(Integer::intValue).sum());
    }

    private static void assertThrottled(AwsServiceException e, int status, String code) {
        assertEquals(status, e.statusCode(), e::toString);
        assertEquals(code, e.awsErrorDetails().errorCode(), e::toString);
        assertTrue(e.isThrottlingException(), () -> code + " should read as throttling: " + e);
    }

    @Test
    void shouldAnswerTheServicesOwnInternalErrorAndLetTheSdkRetryIt() {
        aws.failServer("kms:ListKeys", 1);
        aws.failServer("iam:GetAccountSummary", Integer.MAX_VALUE);
        try (KmsClient kms = client(KmsClient.builder(), 3);
                IamClient iam = client(IamClient.builder().region(Region.AWS_GLOBAL), 3)) {
            kms.listKeys();
            assertEquals(2, aws.calls("kms:ListKeys"), "one 500, then the retry answered");
            AwsServiceException e = serviceError(iam::getAccountSummary);
            assertEquals(500, e.statusCode());
            assertEquals("ServiceFailure", e.awsErrorDetails().errorCode());
            assertEquals(3, aws.calls("iam:GetAccountSummary"), "every attempt was made");
        }
    }

    @Test
    void shouldCloseTheConnectionWithoutAnAnswerOrMidBodyAndLetTheSdkRetry() {
        aws.drop("kms:ListKeys", 1);
        aws.inject("kms:ListAliases", FakeAws.Fault.of(FakeAws.Fault.Action.TRUNCATE, 1));
        aws.drop("kms:DescribeKey", Integer.MAX_VALUE);
        try (KmsClient kms = client(KmsClient.builder(), 3)) {
            kms.listKeys();
            kms.listAliases();
            assertEquals(2, aws.calls("kms:ListKeys"));
            assertEquals(2, aws.calls("kms:ListAliases"));
            SdkException e = assertThrows(SdkException.class, () -> kms.describeKey(r -> r.keyId("alias/x")));
            assertInstanceOf(SdkClientException.class, e, e::toString);
            assertEquals(3, aws.calls("kms:DescribeKey"));
        }
    }

    @Test
    void shouldHoldAHungCallUntilTheSdkGivesUpAndAnswerAgainOnceCleared() {
        aws.hangAlways("kms:ListKeys");
        try (KmsClient kms = client(KmsClient.builder(), 3)) {
            SdkException e = assertThrows(SdkException.class, kms::listKeys);
            assertTrue(e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException,
                    e::toString);
            assertTrue(aws.calls("kms:ListKeys") >= 2, "the attempt timeout ended each try, and the SDK tried again");
            aws.clearFaults();
            kms.listKeys();
        }
    }

    @Test
    void shouldThrottleAboutTheGivenShareOfCallsInAStorm() {
        aws.throttleRate("kms", 0.3);
        int throttled = 0;
        try (KmsClient kms = client(KmsClient.builder(), 1)) {
            for (int i = 0; i < 200; i++) {
                try {
                    kms.listKeys();
                } catch (AwsServiceException e) {
                    assertTrue(e.isThrottlingException(), e::toString);
                    throttled++;
                }
            }
        }
        assertEquals(throttled, aws.faultsServed("kms:ListKeys"));
        // 200 draws at 30 %: the seeded generator gives a fixed count; any share far from 0.3 is a broken rate.
        assertTrue(throttled > 35 && throttled < 85, "throttled " + throttled + " of 200");
    }

    @Test
    void shouldThrottleRequestsOverAQuotaPerAccountAndRegion() {
        aws.rateLimit("kms:ListKeys", 5);
        int throttled = 0;
        try (KmsClient kms = client(KmsClient.builder(), 1)) {
            for (int i = 0; i < 30; i++) {
                try {
                    kms.listKeys();
                } catch (AwsServiceException e) {
                    assertThrottled(e, 400, "ThrottlingException");
                    throttled++;
                }
            }
            kms.listAliases();
        }
        // A bucket of one second's requests: the first few pass, then requests come faster than 5 a second.
        assertTrue(throttled > 0 && throttled < 30, throttled + " of 30 throttled");
        assertEquals(throttled, aws.rateLimited());
    }
}
