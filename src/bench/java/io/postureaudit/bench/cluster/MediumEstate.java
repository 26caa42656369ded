package io.postureaudit.bench.cluster;

import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeWafv2;

/**
 * One medium member account of the synthetic estate, planted per account id: 300 roles, 100 customer policies, 50
 * users in 10 groups, 30 KMS keys, 3 web ACLs and a GuardDuty detector with 20 findings, in one region.
 */
final class MediumEstate {

    static final String REGION = "ap-northeast-1";
    static final int ROLES = 300, POLICIES = 100, USERS = 50, GROUPS = 10, KEYS = 30, WEB_ACLS = 3, FINDINGS = 20;

    private MediumEstate() {
    }

    static void plant(String account, FakeIam iam, FakeKms kms, FakeWafv2 waf, FakeGuardDuty gd) {
        FakeIam.Estate e = iam.estate(account);
        e.reportPollsBeforeReady = 0;
        for (int i = 0; i < POLICIES; i++) {
            e.policies.add(new FakeIam.Policy("policy-" + i, "arn:aws:iam::" + account + ":policy/policy-" + i,
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
                            + "\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::bucket-" + account + "-" + i + "/*\"}]}"));
        }
        for (int i = 0; i < GROUPS; i++) {
            FakeIam.Group g = new FakeIam.Group("group-" + i);
            g.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/policy-" + i);
            e.groups.add(g);
        }
        for (int i = 0; i < USERS; i++) {
            FakeIam.User u = new FakeIam.User("user-" + i);
            u.groups.add("group-" + (i % GROUPS));
            e.users.add(u);
            e.credentialReportRows.add("user-" + i + ",arn:aws:iam::" + account + ":user/user-" + i
                    + ",2024-01-01T00:00:00+00:00,true,2026-11-01T00:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,"
                    + (i % 3 == 0 ? "false" : "true") + ",true,2024-01-01T00:00:00+00:00,2026-11-20T00:00:00+00:00,"
                    + "ap-northeast-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
        }
        for (int i = 0; i < ROLES; i++) {
            FakeIam.Role r = new FakeIam.Role("role-" + i, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                    + "\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
            r.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/policy-" + (i % POLICIES));
            r.lastUsed = "2026-11-01T00:00:00Z";
            r.lastUsedRegion = REGION;
            e.roles.add(r);
        }
        for (int i = 0; i < KEYS; i++) {
            FakeKms.Key key = kms.customerKey(account, REGION, String.format("%08d-0000-4000-8000-%s", i, account));
            key.rotationEnabled = i % 2 == 0;
            kms.alias(account, REGION, "alias/key-" + i, key.id());
        }
        for (int i = 0; i < WEB_ACLS; i++) {
            waf.webAcl(account, REGION, "REGIONAL", "acl-" + i);
        }
        FakeGuardDuty.Detector d = gd.detector(account, REGION, "det-" + account, "ENABLED");
        for (int i = 0; i < FINDINGS; i++) {
            d.finding("f-" + account + "-" + i, "Recon:EC2/Portscan", 5.0, false, REGION, account);
        }
    }
}
