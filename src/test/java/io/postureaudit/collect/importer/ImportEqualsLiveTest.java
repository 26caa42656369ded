package io.postureaudit.collect.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.collect.AccountTarget;
import io.postureaudit.collect.AwsSession;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorHarness;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.collect.guardduty.GuardDutyCollector;
import io.postureaudit.collect.iam.CredentialReportReader;
import io.postureaudit.collect.iam.IamCollector;
import io.postureaudit.collect.iam.ServiceLastAccessed;
import io.postureaudit.collect.identitycenter.IdentityCenterCollector;
import io.postureaudit.collect.kms.KmsCollector;
import io.postureaudit.collect.waf.WafCollector;
import io.postureaudit.fakeaws.FakeAws;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIamExtras;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.support.Estates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Import equals live, for all five services: one estate planted in the fake AWS is scanned live, and the same
 * fake is read into a CLI-shaped bundle ({@link CliBundle}, the calls of samples/tools/bundle.sh) that is then
 * imported. Both must give the same resources (type, ARN, data, observed) and the same gaps.
 */
class ImportEqualsLiveTest {

    static final String ACCOUNT = "555555555555";
    static final String TOKYO = "ap-northeast-1";
    static final String VIRGINIA = "us-east-1";
    static final String STORE = "d-9067aaaa";
    CollectorHarness h;
    AccountTarget account = CollectorHarness.account(ACCOUNT, TOKYO, VIRGINIA);

    @BeforeEach
    void plant() {
        h = new CollectorHarness();
        h.iam.pageSize(2);
        Estates.plantDev(h.iam, ACCOUNT);
        FakeIamExtras.Account extras = ((FakeIamExtras) h.aws.handler("iam")).account(ACCOUNT);
        extras.summary.put("AccountMFAEnabled", 0);
        extras.summary.put("Users", 3);
        extras.virtualMfa.put("arn:aws:iam::" + ACCOUNT + ":mfa/yui", "yui");
        extras.virtualMfa.put("arn:aws:iam::" + ACCOUNT + ":mfa/orphan", null);
        extras.samlProviders.add("okta");
        extras.serverCertificates.put("legacy-lb", "2025-03-01T00:00:00Z");
        extras.oidcProviders.put("token.actions.githubusercontent.com", List.of("sts.amazonaws.com"));
        extras.oidcProviders.put("oidc.eks.ap-northeast-1.amazonaws.com/id/ABC", List.of("sts.amazonaws.com"));
        extras.lastAccessed.put("arn:aws:iam::" + ACCOUNT + ":role/legacy-integration", List.of(
                new String[] {"s3", "2026-11-01T10:00:00Z"}, new String[] {"ec2", null}));
        extras.lastAccessed.put("arn:aws:iam::" + ACCOUNT + ":user/kenta", List.<String[]>of(new String[] {"iam", null}));

        h.identityStore.user(STORE, "u-aiko", "aiko@example.com", "Aiko", "Tanaka");
        h.identityStore.user(STORE, "u-ren", "ren@example.com", "Ren", "Sato");
        h.identityStore.group(STORE, "g-ops", "ops", "u-ren", "u-aiko");
        h.identityStore.group(STORE, "g-empty", "empty");
        FakeSsoAdmin.Instance instance = h.ssoAdmin.instance(ACCOUNT, TOKYO, "ssoins-5555", STORE);
        FakeSsoAdmin.PermissionSet admin = instance.permissionSet("AdministratorAccess", "PT12H")
                .managed("AdministratorAccess").assign(ACCOUNT, "USER", "u-aiko").assign("111111111111", "GROUP", "g-ops");
        admin.tags.add(FakeJsonService.json("{\"Key\":\"owner\",\"Value\":\"platform\"}"));
        FakeSsoAdmin.PermissionSet reader = instance.permissionSet("ReadOnly", "PT1H").managed("ReadOnlyAccess")
                .assign(ACCOUNT, "GROUP", "g-ops");
        reader.customerPolicies.add(FakeJsonService.json("{\"Name\":\"deny-secrets\",\"Path\":\"/guards/\"}"));
        reader.inlinePolicy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":"
                + "\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}}";
        reader.boundary = FakeJsonService.json("{\"CustomerManagedPolicyReference\":{\"Name\":\"boundary\",\"Path\":\"/\"}}");

        ObjectNode api = h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "api");
        ((ArrayNode) api.get("Rules")).add(FakeJsonService.json("""
                {"Name":"rate","Priority":0,"Action":{"Block":{}},
                 "Statement":{"RateBasedStatement":{"Limit":1000,"AggregateKeyType":"IP"}},
                 "VisibilityConfig":{"SampledRequestsEnabled":true,"CloudWatchMetricsEnabled":true,"MetricName":"r"}}"""));
        String apiArn = api.get("ARN").asText();
        h.waf.region(ACCOUNT, TOKYO).logging.put(apiArn, FakeJsonService.json("{\"ResourceArn\":\"" + apiArn
                + "\",\"LogDestinationConfigs\":[\"arn:aws:logs:ap-northeast-1:" + ACCOUNT
                + ":log-group:aws-waf-logs-api\"]}"));
        h.waf.region(ACCOUNT, TOKYO).associations.put(apiArn, java.util.Map.of("API_GATEWAY",
                List.of("arn:aws:apigateway:ap-northeast-1::/restapis/x/stages/p"), "APPLICATION_LOAD_BALANCER",
                List.of("arn:aws:elasticloadbalancing:ap-northeast-1:" + ACCOUNT + ":loadbalancer/app/api/1")));
        h.waf.webAcl(ACCOUNT, TOKYO, "REGIONAL", "internal");
        h.waf.webAcl(ACCOUNT, VIRGINIA, "CLOUDFRONT", "cdn");
        h.waf.ruleGroup(ACCOUNT, TOKYO, "REGIONAL", "custom");
        h.waf.ipSet(ACCOUNT, TOKYO, "REGIONAL", "office", "203.0.113.0/24", "198.51.100.7/32");

        h.guardDuty.pageSize(20);
        FakeGuardDuty.Detector d = h.guardDuty.detector(ACCOUNT, TOKYO, "d5555", "ENABLED");
        d.feature("S3_DATA_EVENTS", "DISABLED");
        d.filter("auto-archive-high", "ARCHIVE", 1, "severity", "gte", 7);
        d.filter("noisy", "NOOP", 2, "type", "equals", List.of("Recon:EC2/PortProbeUnprotectedPort"));
        d.administrator = d.detector.objectNode().put("accountId", "999999999999")
                .put("relationshipStatus", "Enabled").put("invitationId", "i-1");
        d.members.add(FakeJsonService.json("{\"accountId\":\"111111111111\",\"detectorId\":\"dmember\","
                + "\"administratorId\":\"" + ACCOUNT + "\",\"email\":\"m@example.com\",\"relationshipStatus\":\"Enabled\","
                + "\"updatedAt\":\"2024-03-02T00:10:00.000Z\"}"));
        // Tokyo: this account manages the organisation and is GuardDuty's delegated administrator there; in
        // us-east-1 GuardDuty refuses both organisation calls (a fact the bundle records as @error).
        h.guardDuty.managesOrganization(ACCOUNT, TOKYO).add(FakeGuardDuty.adminAccount(ACCOUNT, "ENABLED"));
        d.administersOrganization("ALL");
        d.organizationFeature("S3_DATA_EVENTS", "ALL");
        d.organizationFeature("EKS_AUDIT_LOGS", "NONE");
        extras.organizationsRefusal = null;
        extras.organizationsFeatures.add("RootCredentialsManagement");
        for (int i = 0; i < 60; i++) {
            d.finding("f" + i, "UnauthorizedAccess:IAMUser/MaliciousIPCaller", i % 10, i >= 55, TOKYO, ACCOUNT);
        }

        FakeKms.Key key = h.kms.customerKey(ACCOUNT, TOKYO, "aaaa5555-0000-4000-8000-000000000001");
        key.rotationEnabled = true;
        key.rotationPeriodInDays = 180;
        key.grants.add(FakeJsonService.json("{\"GrantId\":\"g1\",\"KeyId\":\"" + key.arn() + "\","
                + "\"GranteePrincipal\":\"arn:aws:iam::" + ACCOUNT + ":role/app\",\"Operations\":[\"Decrypt\"],"
                + "\"CreationDate\":1714521600}"));
        h.kms.alias(ACCOUNT, TOKYO, "alias/app", key.id());
        FakeKms.Key other = h.kms.customerKey(ACCOUNT, TOKYO, "aaaa5555-0000-4000-8000-000000000002");
        h.kms.alias(ACCOUNT, TOKYO, "alias/reports", other.id());
        h.kms.customerKey(ACCOUNT, VIRGINIA, "bbbb5555-0000-4000-8000-000000000003");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** The live scan: every collector over real SDK clients, global ones once, regional ones per region. */
    Collected live() {
        Clock clock = Clock.systemUTC();
        List<ServiceCollector> collectors = List.of(new IamCollector(new CredentialReportReader(h.config, clock),
                new ServiceLastAccessed(true, 2, "SERVICE_LEVEL", Duration.ofMillis(5), Duration.ofSeconds(20), clock)),
                new IdentityCenterCollector(2), new WafCollector(2), new GuardDutyCollector(2), new KmsCollector(2));
        List<CollectionContext> contexts = new ArrayList<>();
        for (ServiceCollector c : collectors) {
            for (String region : c.scope() == CollectorScope.GLOBAL ? List.of(ResourceTypes.GLOBAL_REGION)
                    : account.regions()) {
                contexts.add(h.run(c, account, region));
            }
        }
        return Collected.of(account, contexts);
    }

    BundleImporter.Imported imported(CliBundle cli) {
        return new BundleImporter().read(ACCOUNT, "acct-" + ACCOUNT, cli.bundle(), account.regions());
    }

    CliBundle cli() {
        try (AwsSession session = h.clients.session(account, "posture-audit-bundle")) {
            return new CliBundle(session).account(account.regions());
        }
    }

    static List<String> resources(Collected c) {
        return c.resources().stream().sorted(Comparator.comparing(CollectedResource::type)
                .thenComparing(CollectedResource::arn)).map(r -> r.type() + " " + r.arn() + " " + r.region() + " "
                        + r.name() + "\n  data " + new java.util.TreeMap<>(r.data()) + "\n  observed "
                        + new java.util.TreeMap<>(r.observed())).toList();
    }

    /** A gap's place: the error text says "AccessDenied" live and "NotInBundle" offline. */
    static Set<String> gaps(Collected c) {
        return c.gaps().stream().map(g -> g.region() + " " + g.service() + " " + g.operation() + " " + g.resourceArn())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldImportExactlyWhatALiveScanReadsForEveryService() {
        Collected live = live();
        CliBundle cli = cli();
        BundleImporter.Imported imported = imported(cli);

        assertEquals(List.of(), live.gaps(), "the planted estate reads completely");
        assertEquals(List.of(), imported.unknownKeys());
        assertEquals(List.of(), imported.collected().gaps());
        assertEquals(new TreeSet<>(BundleClients.OPERATIONS), cli.calls(), "the bundle holds every call read");
        Set<String> types = live.resources().stream().map(CollectedResource::type).collect(Collectors.toSet());
        assertTrue(types.containsAll(Set.of("iam.account", "iam.user", "iam.group", "iam.role", "iam.policy",
                "identitycenter.instance", "identitycenter.permission-set", "identitycenter.assignment",
                "identitycenter.user", "identitycenter.group", "waf.web-acl", "waf.rule-group", "waf.ip-set",
                "guardduty.detector", "guardduty.finding", "kms.key")), types.toString());
        assertEquals(55 + 1 + 1, live.resources().stream().filter(r -> r.type().startsWith("guardduty.")).count(),
                "55 open findings, a detector in Tokyo, the absent one in us-east-1");
        assertEquals(resources(live), resources(imported.collected()));
        assertEquals(live.completeScopes(), imported.collected().completeScopes());
    }

    @Test
    void shouldLeaveTheSameGapsWhereTheSameCallsAreRefused() {
        for (String refused : List.of("iam:ListSAMLProviders", "iam:GetOpenIDConnectProvider", "kms:GetKeyPolicy",
                "guardduty:ListMembers", "guardduty:GetFindings", "wafv2:ListResourcesForWebACL",
                "sso:ListAccountAssignments", "identitystore:ListGroupMemberships", "wafv2:GetIPSet")) {
            h.aws.denyAlways(refused);
        }
        Collected live = live();
        BundleImporter.Imported imported = imported(cli());

        assertFalse(live.gaps().isEmpty());
        assertEquals(gaps(live), gaps(imported.collected()));
        assertTrue(imported.collected().gaps().stream().allMatch(g -> g.error().startsWith("NotInBundle:")),
                imported.collected().gaps().toString());
        assertEquals(resources(live), resources(imported.collected()));
        assertEquals(live.completeScopes(), imported.collected().completeScopes());
    }

    /**
     * The real AWS CLI, run by samples/tools/bundle.sh against the fake, prints what the importer reads as live.
     * Some hundred CLI processes, each a Python start-up: minutes on a shared machine, so it runs on request:
     * {@code mvn -B -o test -Dtest=ImportEqualsLiveTest -Dbundle.script=true} (needs {@code aws} and {@code jq}).
     */
    @Test
    void shouldImportWhatTheCliScriptPrintsAsALiveScanReadsIt() throws Exception {
        assumeTrue(Boolean.getBoolean("bundle.script"), "runs with -Dbundle.script=true");
        assumeTrue(onPath("aws") && onPath("jq"), "needs the AWS CLI and jq on PATH");
        Collected live = live();
        Path out = Files.createTempFile("bundle", ".json");
        Path trace = Files.createTempFile("bundle", ".trace");
        Path empty = Files.createTempFile("aws-config", "");
        ProcessBuilder script = new ProcessBuilder("bash", "samples/tools/bundle.sh", TOKYO, VIRGINIA)
                .redirectOutput(out.toFile()).redirectError(trace.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        script.environment().put("BUNDLE_TRACE", "1");
        script.environment().put("AWS_ENDPOINT_URL", h.aws.endpoint());
        script.environment().put("AWS_ACCESS_KEY_ID", FakeAws.accessKeyFor(ACCOUNT));
        script.environment().put("AWS_SECRET_ACCESS_KEY", "fake-secret");
        script.environment().remove("AWS_SESSION_TOKEN");
        script.environment().remove("AWS_PROFILE");
        script.environment().put("AWS_CONFIG_FILE", empty.toString());
        script.environment().put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        script.environment().put("AWS_MAX_ATTEMPTS", "1");
        script.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = script.start();
        boolean finished = process.waitFor(30, java.util.concurrent.TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(trace);
        assertTrue(finished, "bundle.sh did not finish in 30 minutes; its trace: " + trace);
        assertEquals(0, process.exitValue(), "bundle.sh failed: " + log.substring(Math.max(0, log.length() - 4000)));
        BundleImporter.Imported imported = new BundleImporter().read(ACCOUNT, "acct-" + ACCOUNT,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile()), account.regions());

        assertEquals(List.of(), imported.unknownKeys());
        assertEquals(List.of(), imported.collected().gaps());
        assertEquals(resources(live), resources(imported.collected()), "bundle " + out + ", trace " + trace);
        Files.deleteIfExists(out);
        Files.deleteIfExists(empty);
        Files.deleteIfExists(trace);
    }

    static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void shouldNameEveryCallOfTheBundleInTheCliScript() throws IOException {
        String script = Files.readString(Path.of("samples/tools/bundle.sh"));
        List<String> missing = new ArrayList<>();
        for (String call : new TreeSet<>(BundleClients.OPERATIONS)) {
            if (!script.contains("\"" + call)) {
                missing.add(call);
            }
        }
        assertEquals(List.of(), missing, "samples/tools/bundle.sh writes no key for these calls");
    }
}
