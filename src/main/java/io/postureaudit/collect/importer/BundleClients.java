package io.postureaudit.collect.importer;

import io.postureaudit.collect.AwsClients;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** The SDK clients of one bundle: each answers its service's calls from the bundle's outputs for a region. */
final class BundleClients implements AwsClients {

    /** Every {@code service:Operation} some bundle client answers; other keys are reported back as unknown. */
    static final Set<String> OPERATIONS = union(BundleIamClient.OPERATIONS, BundleKmsClient.OPERATIONS,
            BundleWafv2Client.OPERATIONS, BundleGuardDutyClient.OPERATIONS, BundleSsoAdminClient.OPERATIONS,
            BundleIdentitystoreClient.OPERATIONS, BundleCloudTrailClient.OPERATIONS);
    /** Services whose keys carry no region. */
    static final Set<String> GLOBAL_SERVICES = Set.of("iam");

    private final Bundle bundle;
    private final BundleIamClient iam;
    private final Map<String, Object> regional = new ConcurrentHashMap<>();

    BundleClients(Bundle bundle) {
        this.bundle = bundle;
        this.iam = new BundleIamClient(bundle);
    }

    @Override
    public BundleIamClient iam() {
        return iam;
    }

    @Override
    public KmsClient kms(String region) {
        return client("kms", region, r -> new BundleKmsClient(bundle, r));
    }

    @Override
    public GuardDutyClient guardDuty(String region) {
        return client("guardduty", region, r -> new BundleGuardDutyClient(bundle, r));
    }

    @Override
    public Wafv2Client wafv2(String region) {
        return client("wafv2", region, r -> new BundleWafv2Client(bundle, r));
    }

    @Override
    public SsoAdminClient ssoAdmin(String region) {
        return client("sso-admin", region, r -> new BundleSsoAdminClient(bundle, r));
    }

    @Override
    public IdentitystoreClient identityStore(String region) {
        return client("identitystore", region, r -> new BundleIdentitystoreClient(bundle, r));
    }

    @Override
    public CloudTrailClient cloudTrail(String region) {
        return client("cloudtrail", region, r -> new BundleCloudTrailClient(bundle, r));
    }

    @SuppressWarnings("unchecked")
    private <C> C client(String service, String region, Function<String, C> create) {
        return (C) regional.computeIfAbsent(service + "@" + region, k -> create.apply(region));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
