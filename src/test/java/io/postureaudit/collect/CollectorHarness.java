package io.postureaudit.collect;

import io.postureaudit.config.PostureConfig;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIamExtras;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeOrganizations;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.fakeaws.FakeSts;
import io.postureaudit.fakeaws.FakeWafv2;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real SDK clients pointed at a {@link FakeAws} with every service registered: the default credentials name the
 * account through the access key, and each account is reached by assuming a role, as in production.
 */
public final class CollectorHarness implements AutoCloseable {

    public final FakeAws aws = new FakeAws();
    public final FakeIam iam = new FakeIam();
    public final FakeKms kms = new FakeKms();
    public final FakeWafv2 waf = new FakeWafv2();
    public final FakeGuardDuty guardDuty = new FakeGuardDuty();
    public final FakeSsoAdmin ssoAdmin = new FakeSsoAdmin();
    public final FakeIdentityStore identityStore = new FakeIdentityStore();
    public final FakeOrganizations organizations = new FakeOrganizations();
    public final FakeSts sts = new FakeSts();
    public final io.postureaudit.fakeaws.FakeCloudTrail cloudTrail = new io.postureaudit.fakeaws.FakeCloudTrail();
    public final PostureConfig config;
    public final AwsClientFactory clients;
    /** The collection meters of this harness's clients (AWS calls, throttles, retries). */
    public final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    /** The credential properties as they were, restored on close: a Quarkus test app may rely on them. */
    private final String previousKey = System.getProperty("aws.accessKeyId");
    private final String previousSecret = System.getProperty("aws.secretAccessKey");

    public CollectorHarness() {
        this(Map.of());
    }

    public CollectorHarness(Map<String, String> extraConfig) {
        aws.register(new FakeIamExtras(iam)).register(kms).register(waf).register(guardDuty).register(ssoAdmin)
                .register(identityStore).register(organizations).register(sts).register(cloudTrail);
        System.setProperty("aws.accessKeyId", FakeAws.accessKeyFor("999999999999"));
        System.setProperty("aws.secretAccessKey", "fake-secret");
        Map<String, String> props = new HashMap<>();
        props.put("posture.aws.endpoint-override", aws.endpoint());
        props.put("posture.aws.max-concurrency", "4");
        // The SDK's own default depth: these tests are about what collectors make of a final failure, not retry depth.
        props.put("posture.aws.max-attempts", "3");
        props.put("posture.data-dir", System.getProperty("java.io.tmpdir") + "/posture-audit-test");
        props.putAll(extraConfig);
        config = mapping(PostureConfig.class, props);
        clients = new AwsClientFactory(config, new CollectMetrics(meters));
    }

    /** Builds a {@code @ConfigMapping} interface from properties, without starting Quarkus. */
    public static <T> T mapping(Class<T> type, Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(type)
                .withSources(new PropertiesConfigSource(props, "test", 500)).addDefaultInterceptors().build();
        return config.getConfigMapping(type);
    }

    public static AccountTarget account(String id, String... regions) {
        return new AccountTarget(id, "acct-" + id, Optional.of("arn:aws:iam::" + id + ":role/audit"),
                Optional.empty(), List.of(regions));
    }

    /** Runs one collector for one account and region and returns what it produced. */
    public CollectionContext run(ServiceCollector collector, AccountTarget account, String region) {
        try (AwsSession session = clients.session(account, "posture-audit-test")) {
            CollectionContext context = new CollectionContext(account, region, collector.service(), session);
            collector.collect(context);
            return context;
        }
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
        restore("aws.accessKeyId", previousKey);
        restore("aws.secretAccessKey", previousSecret);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
