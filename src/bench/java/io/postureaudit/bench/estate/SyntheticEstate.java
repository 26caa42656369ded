package io.postureaudit.bench.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeIdentityStore;
import io.postureaudit.fakeaws.FakeJsonService;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeSsoAdmin;
import io.postureaudit.fakeaws.FakeWafv2;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic estate the benchmarks plant into the fakes. The large account (collection, report benchmarks):
 * 5,000 roles, 1,500 customer managed policies, 1,000 users, 300 groups, 200 permission sets assigned across 30
 * accounts, 40 web ACLs, 1,000 KMS keys, over 3 regions. Smaller accounts of the same shape (the cluster
 * benchmark's medium members) are planted with {@link #plantIam(FakeIam, String, Size)} and
 * {@link #plantKms(FakeKms, String, int, List)}.
 */
public final class SyntheticEstate {

    /** How many IAM entities one account holds. */
    public record Size(int policies, int groups, int users, int roles, String home) {
    }

    public static final String ACCOUNT = "100000000001";
    public static final List<String> REGIONS = List.of("ap-northeast-1", "us-east-1", "eu-west-1");
    public static final String HOME = "ap-northeast-1";
    /** The large account's identity store. */
    public static final String STORE = "d-bench00001";
    public static final int ROLES = 5000, POLICIES = 1500, USERS = 1000, GROUPS = 300, PERMISSION_SETS = 200,
            MEMBER_ACCOUNTS = 30, ACCOUNTS_PER_SET = 6, WEB_ACLS = 40, CLOUDFRONT_ACLS = 4, KEYS = 1000,
            FINDINGS_PER_REGION = 60, USERS_PER_GROUP = 4;

    private SyntheticEstate() {
    }

    public static void plantIam(FakeIam iam) {
        plantIam(iam, ACCOUNT, new Size(POLICIES, GROUPS, USERS, ROLES, HOME));
    }

    /** Customer policies (S3 access), groups each with one policy, users in the groups, Lambda roles. */
    public static void plantIam(FakeIam iam, String account, Size size) {
        FakeIam.Estate e = iam.estate(account);
        e.reportPollsBeforeReady = 0;
        for (int i = 0; i < size.policies(); i++) {
            e.policies.add(new FakeIam.Policy("policy-" + i, "arn:aws:iam::" + account + ":policy/policy-" + i,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                            + "\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket-" + account + "-" + i + "/*\"}]}"));
        }
        for (int i = 0; i < size.groups(); i++) {
            FakeIam.Group g = new FakeIam.Group("group-" + i);
            g.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/policy-" + (i % size.policies()));
            e.groups.add(g);
        }
        for (int i = 0; i < size.users(); i++) {
            FakeIam.User u = new FakeIam.User("user-" + i);
            u.groups.add("group-" + (i % size.groups()));
            e.users.add(u);
            e.credentialReportRows.add("user-" + i + ",arn:aws:iam::" + account + ":user/user-" + i
                    + ",2024-01-01T00:00:00+00:00,true,2026-11-01T00:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,"
                    + (i % 3 == 0 ? "false" : "true") + ",true,2024-01-01T00:00:00+00:00,2026-11-20T00:00:00+00:00,"
                    + "ap-northeast-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        }
        for (int i = 0; i < size.roles(); i++) {
            FakeIam.Role r = new FakeIam.Role("role-" + i, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
            r.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/policy-" + (i % size.policies()));
            r.lastUsed = "2026-11-01T00:00:00Z";
            r.lastUsedRegion = size.home();
            e.roles.add(r);
        }
    }

    public static void plantKms(FakeKms kms) {
        plantKms(kms, ACCOUNT, KEYS, REGIONS);
    }

    /** Customer keys spread over the regions, every other one rotating, each with an alias. */
    public static void plantKms(FakeKms kms, String account, int keys, List<String> regions) {
        for (int i = 0; i < keys; i++) {
            String region = regions.get(i % regions.size());
            FakeKms.Key key = kms.customerKey(account, region, String.format("%08d-0000-4000-8000-%s", i, account));
            key.rotationEnabled = i % 2 == 0;
            kms.alias(account, region, "alias/key-" + i, key.id());
        }
    }

    public static void plantWaf(FakeWafv2 waf) {
        int regional = WEB_ACLS - CLOUDFRONT_ACLS;
        for (int i = 0; i < regional; i++) {
            ObjectNode acl = waf.webAcl(ACCOUNT, REGIONS.get(i % REGIONS.size()), "REGIONAL", "acl-" + i);
            rules(acl);
        }
        for (int i = 0; i < CLOUDFRONT_ACLS; i++) {
            rules(waf.webAcl(ACCOUNT, "us-east-1", "CLOUDFRONT", "cdn-" + i));
        }
    }

    private static void rules(ObjectNode acl) {
        ArrayNode rules = (ArrayNode) acl.get("Rules");
        rules.add(FakeJsonService.json("{\"Name\":\"rate\",\"Priority\":0,\"Action\":{\"Block\":{}},\"Statement\":"
                + "{\"RateBasedStatement\":{\"Limit\":2000,\"AggregateKeyType\":\"IP\"}},\"VisibilityConfig\":"
                + "{\"SampledRequestsEnabled\":true,\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"rate\"}}"));
        rules.add(FakeJsonService.json("{\"Name\":\"common\",\"Priority\":1,\"OverrideAction\":{\"None\":{}},"
                + "\"Statement\":{\"ManagedRuleGroupStatement\":{\"VendorName\":\"AWS\",\"Name\":"
                + "\"AWSManagedRulesCommonRuleSet\"}},\"VisibilityConfig\":{\"SampledRequestsEnabled\":true,"
                + "\"CloudWatchMetricsEnabled\":true,\"MetricName\":\"common\"}}"));
    }

    public static void plantGuardDuty(FakeGuardDuty gd) {
        for (String region : REGIONS) {
            FakeGuardDuty.Detector d = gd.detector(ACCOUNT, region, "det-" + region, "ENABLED");
            d.feature("S3_DATA_EVENTS", "ENABLED");
            d.feature("EKS_AUDIT_LOGS", "DISABLED");
            d.filter("suppress-probes", "ARCHIVE", 1, "type", "equals", List.of("Recon:EC2/PortProbeUnprotectedPort"));
            for (int i = 0; i < FINDINGS_PER_REGION; i++) {
                d.finding("f-" + region + "-" + i, "Recon:EC2/Portscan", 5.0, false, region, ACCOUNT);
            }
        }
    }

    public static void plantIdentityCenter(FakeSsoAdmin sso, FakeIdentityStore store) {
        String storeId = STORE;
        for (int i = 0; i < USERS; i++) {
            store.user(storeId, "u-" + i, "user" + i + "@example.com", "Given" + i, "Family" + i);
        }
        for (int g = 0; g < GROUPS; g++) {
            List<String> members = new ArrayList<>();
            for (int m = 0; m < USERS_PER_GROUP; m++) {
                members.add("u-" + ((g * USERS_PER_GROUP + m) % USERS));
            }
            store.group(storeId, "g-" + g, "group-" + g, members.toArray(String[]::new));
        }
        FakeSsoAdmin.Instance instance = sso.instance(ACCOUNT, HOME, "ssoins-bench", storeId);
        for (int p = 0; p < PERMISSION_SETS; p++) {
            FakeSsoAdmin.PermissionSet ps = instance.permissionSet("set-" + p, "PT4H").managed("ReadOnlyAccess");
            for (int a = 0; a < ACCOUNTS_PER_SET; a++) {
                String account = String.format("2%011d", (p * ACCOUNTS_PER_SET + a) % MEMBER_ACCOUNTS);
                ps.assign(account, "GROUP", "g-" + (p % GROUPS));
            }
        }
    }
}
