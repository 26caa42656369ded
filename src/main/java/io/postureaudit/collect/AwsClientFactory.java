package io.postureaudit.collect;

import io.postureaudit.config.PostureConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds AWS SDK clients: one HTTP client per service shared by every account and region, adaptive retries for
 * throttling, and {@code posture.aws.endpoint-override} applied to every client.
 */
@ApplicationScoped
public class AwsClientFactory {

    private final PostureConfig config;
    private final CollectMetrics metrics;
    private final Map<String, SdkHttpClient> httpClients = new ConcurrentHashMap<>();
    private volatile AwsCredentialsProvider defaultCredentials;

    public AwsClientFactory(PostureConfig config, CollectMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** A session for one account in one scan; clients are created lazily and closed with the session. */
    public AwsSession session(AccountTarget account, String sessionName) {
        return new AwsSession(this, account, credentialsFor(account, sessionName));
    }

    private AwsCredentialsProvider credentialsFor(AccountTarget account, String sessionName) {
        if (account.roleArn().isEmpty()) {
            return defaultCredentials();
        }
        StsClient sts = configure(StsClient.builder(), "sts", Region.AWS_GLOBAL)
                .credentialsProvider(defaultCredentials())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .asyncCredentialUpdateEnabled(false)
                .refreshRequest(r -> {
                    r.roleArn(account.roleArn().get()).roleSessionName(sessionName).durationSeconds(3600);
                    account.externalId().ifPresent(r::externalId);
                })
                .build();
    }

    private AwsCredentialsProvider defaultCredentials() {
        if (defaultCredentials == null) {
            synchronized (this) {
                if (defaultCredentials == null) {
                    defaultCredentials = DefaultCredentialsProvider.builder().build();
                }
            }
        }
        return defaultCredentials;
    }

    /**
     * An S3 client with the service's own credentials (the default chain, never an audit role), for Terraform
     * state: state buckets live in a tooling account, and state holds secrets no audit role should be able to read.
     * Path-style addressing when an endpoint override is set (emulators and VPC endpoints expect it).
     */
    public S3Client serviceS3(String region) {
        S3ClientBuilder builder = configure(S3Client.builder(), "s3", Region.of(region))
                .credentialsProvider(defaultCredentials())
                .crossRegionAccessEnabled(true);
        if (endpointOverride().isPresent()) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    /** Applies the shared HTTP client, region, endpoint override and retry policy to a client builder. */
    <B extends AwsClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>>
            B configure(B builder, String service, Region region) {
        builder.region(region)
                .httpClient(httpClient(service))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Adaptive retry: back-off plus a client-side rate that slows down when AWS throttles.
                        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                                .maxAttempts(config.aws().maxAttempts()).build())
                        // A hung endpoint costs one attempt timeout per try and one call timeout overall, then
                        // becomes a gap; the scan goes on with the other calls.
                        .apiCallAttemptTimeout(config.aws().apiCallAttemptTimeout())
                        .apiCallTimeout(config.aws().apiCallTimeout())
                        .addExecutionInterceptor(metrics)
                        .addMetricPublisher(metrics)
                        .build());
        endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }

    Optional<URI> endpointOverride() {
        return config.aws().endpointOverride().map(URI::create);
    }

    private SdkHttpClient httpClient(String service) {
        return httpClients.computeIfAbsent(service, s -> ApacheHttpClient.builder()
                .maxConnections(Math.max(8, config.aws().maxConcurrency() * 4))
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build());
    }

    @PreDestroy
    void close() {
        httpClients.values().forEach(SdkHttpClient::close);
    }
}
