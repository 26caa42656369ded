package io.postureaudit.collect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** The AWS clients for one account during one scan, created on first use and closed together. */
public final class AwsSession implements AwsClients, AutoCloseable {

    private final AwsClientFactory factory;
    private final AccountTarget account;
    private final AwsCredentialsProvider credentials;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    AwsSession(AwsClientFactory factory, AccountTarget account, AwsCredentialsProvider credentials) {
        this.factory = factory;
        this.account = account;
        this.credentials = credentials;
    }

    public AccountTarget account() {
        return account;
    }

    @Override
    public IamClient iam() {
        return client("iam", "global", r -> factory.configure(IamClient.builder(), "iam", Region.AWS_GLOBAL)
                .credentialsProvider(credentials).build());
    }

    public StsClient sts() {
        return client("sts", "global", r -> factory.configure(StsClient.builder(), "sts", Region.AWS_GLOBAL)
                .credentialsProvider(credentials).build());
    }

    public OrganizationsClient organizations() {
        return client("organizations", "global", r -> factory.configure(OrganizationsClient.builder(),
                "organizations", Region.AWS_GLOBAL).credentialsProvider(credentials).build());
    }

    @Override
    public KmsClient kms(String region) {
        return client("kms", region, r -> factory.configure(KmsClient.builder(), "kms", Region.of(r))
                .credentialsProvider(credentials).build());
    }

    @Override
    public GuardDutyClient guardDuty(String region) {
        return client("guardduty", region, r -> factory.configure(GuardDutyClient.builder(), "guardduty",
                Region.of(r)).credentialsProvider(credentials).build());
    }

    @Override
    public Wafv2Client wafv2(String region) {
        return client("wafv2", region, r -> factory.configure(Wafv2Client.builder(), "wafv2", Region.of(r))
                .credentialsProvider(credentials).build());
    }

    @Override
    public SsoAdminClient ssoAdmin(String region) {
        return client("ssoadmin", region, r -> factory.configure(SsoAdminClient.builder(), "ssoadmin",
                Region.of(r)).credentialsProvider(credentials).build());
    }

    @Override
    public IdentitystoreClient identityStore(String region) {
        return client("identitystore", region, r -> factory.configure(IdentitystoreClient.builder(),
                "identitystore", Region.of(r)).credentialsProvider(credentials).build());
    }

    @Override
    public CloudTrailClient cloudTrail(String region) {
        return client("cloudtrail", region, r -> factory.configure(CloudTrailClient.builder(), "cloudtrail",
                Region.of(r)).credentialsProvider(credentials).build());
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(String service, String region, Function<String, C> create) {
        return (C) clients.computeIfAbsent(service + "@" + region, k -> create.apply(region));
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
    }
}
