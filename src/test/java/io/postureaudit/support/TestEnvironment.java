package io.postureaudit.support;

import io.postureaudit.config.EmbeddedDatabase;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeCloudTrail;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIamExtras;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeOrganizations;
import io.postureaudit.fakeaws.FakeS3;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.fakeaws.FakeWafv2;
import io.postureaudit.fakeaws.FakeSts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts what the service talks to in tests, once per run: a real PostgreSQL (embedded, or the one named by
 * {@code posture.test.jdbc-url}), the fake AWS and the Slack stub, and points the configuration at them.
 * Two accounts are configured: dev (default credentials) and prod (assumed role with an ExternalId).
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String DEV = "111111111111";
    public static final String PROD = "222222222222";
    public static final String PROD_ROLE = "arn:aws:iam::" + PROD + ":role/PostureAudit";
    public static final String PROD_EXTERNAL_ID = "posture-ext-7f3a";

    public static final String STAGING_CHANNEL = "C0STAGING1";
    public static final String QUIET_CHANNEL = "C0QUIET01";
    public static final String SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String SLACK_ADMIN = "U0ADMIN01";
    public static final String PUBLIC_URL = "https://posture.example.test";
    public static final String PAGERDUTY_KEY = "R0UTINGKEY0000000000000000000042";

    private static FakeAws aws;
    private static FakeIam iam;
    private static SlackStub slack;
    private static PagerDutyStub pagerDuty;
    private static EmbeddedDatabase database;

    public static FakeAws aws() {
        return aws;
    }

    public static FakeIam iam() {
        return iam;
    }

    /** The fake of another service by signing name (kms, wafv2, guardduty, sso, identitystore, organizations). */
    public static <H extends io.postureaudit.fakeaws.ServiceHandler> H fake(String signingName) {
        return aws.handler(signingName);
    }

    public static FakeSts sts() {
        return aws.handler("sts");
    }

    public static SlackStub slack() {
        return slack;
    }

    public static PagerDutyStub pagerDuty() {
        return pagerDuty;
    }

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String external = System.getProperty("posture.test.jdbc-url");
        if (external != null && !external.isBlank()) {
            config.put("quarkus.datasource.jdbc.url", external);
        } else {
            try {
                database = EmbeddedDatabase.start(Files.createTempDirectory("posture-test-db"), true);
            } catch (IOException e) {
                throw new IllegalStateException("no temporary folder for the test database", e);
            }
            config.putAll(database.datasourceProperties());
        }
        iam = new FakeIam();
        // Every collector bean runs in a scan, so every service it calls must be served.
        aws = new FakeAws().register(new FakeIamExtras(iam)).register(new FakeSts()).register(new FakeKms())
                .register(new FakeWafv2()).register(new FakeGuardDuty()).register(new FakeSsoAdmin())
                .register(new FakeIdentityStore()).register(new FakeOrganizations());
        aws.register(new FakeS3()).register(new FakeCloudTrail()); // Terraform state, change attribution (issue 9b)
        aws.defaultAccount(DEV);
        slack = new SlackStub();
        pagerDuty = new PagerDutyStub();
        // The SDK's default credential chain reads these system properties first.
        System.setProperty("aws.accessKeyId", FakeAws.accessKeyFor(DEV));
        System.setProperty("aws.secretAccessKey", "fake-secret-key");
        System.setProperty("aws.region", "ap-northeast-1");
        config.put("posture.aws.endpoint-override", aws.endpoint());
        config.put("posture.aws.credential-report-poll", "PT0.05S");
        config.put("posture.accounts[0].id", DEV);
        config.put("posture.accounts[0].name", "dev");
        config.put("posture.accounts[0].regions", "ap-northeast-1");
        config.put("posture.accounts[1].id", PROD);
        config.put("posture.accounts[1].name", "prod");
        config.put("posture.accounts[1].role-arn", PROD_ROLE);
        config.put("posture.accounts[1].external-id", PROD_EXTERNAL_ID);
        config.put("posture.accounts[1].regions", "ap-northeast-1,us-east-1");
        config.put("posture.slack.token", "xoxb-test-token-not-a-secret");
        config.put("posture.slack.api-url", slack.apiUrl());
        config.put("posture.slack.channels.alerts", "#sec-alerts");
        // Routing: staging findings go to their own channel (given by id, as Slack's look-ups need); "quiet"
        // findings to a channel that is always in quiet hours.
        config.put("posture.slack.routes[0].channel", STAGING_CHANNEL);
        config.put("posture.slack.routes[0].environments", "staging");
        config.put("posture.slack.routes[1].channel", QUIET_CHANNEL);
        config.put("posture.slack.routes[1].environments", "quiet");
        config.put("posture.slack.quiet-hours.\"" + QUIET_CHANNEL + "\"", "00:00-00:00");
        config.put("posture.slack.signing-secret", SLACK_SIGNING_SECRET);
        config.put("posture.slack.admins", SLACK_ADMIN);
        config.put("posture.public-url", PUBLIC_URL);
        config.put("posture.pagerduty.api-url", pagerDuty.url());
        config.put("posture.pagerduty.routing-key", PAGERDUTY_KEY);
        return config;
    }

    @Override
    public synchronized void stop() {
        if (slack != null) {
            slack.close();
        }
        if (pagerDuty != null) {
            pagerDuty.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (database != null) {
            database.close();
        }
    }

}
