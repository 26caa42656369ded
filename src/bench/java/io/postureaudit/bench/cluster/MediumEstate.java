package io.postureaudit.bench.cluster;

import io.postureaudit.bench.estate.SyntheticEstate;
import io.postureaudit.fakeaws.FakeGuardDuty;
import io.postureaudit.fakeaws.FakeIam;
import io.postureaudit.fakeaws.FakeKms;
import io.postureaudit.fakeaws.FakeWafv2;
import java.util.List;

/**
 * One medium member account of the synthetic estate ({@link SyntheticEstate}'s shape), planted per account id: 300 roles, 100 customer policies, 50
 * users in 10 groups, 30 KMS keys, 3 web ACLs and a GuardDuty detector with 20 findings, in one region.
 */
final class MediumEstate {

    static final String REGION = "ap-northeast-1";
    static final int ROLES = 300, POLICIES = 100, USERS = 50, GROUPS = 10, KEYS = 30, WEB_ACLS = 3, FINDINGS = 20;

    private MediumEstate() {
    }

    static void plant(String account, FakeIam iam, FakeKms kms, FakeWafv2 waf, FakeGuardDuty gd) {
        SyntheticEstate.plantIam(iam, account, new SyntheticEstate.Size(POLICIES, GROUPS, USERS, ROLES, REGION));
        SyntheticEstate.plantKms(kms, account, KEYS, List.of(REGION));
        for (int i = 0; i < WEB_ACLS; i++) {
            waf.webAcl(account, REGION, "REGIONAL", "acl-" + i);
        }
        FakeGuardDuty.Detector d = gd.detector(account, REGION, "det-" + account, "ENABLED");
        for (int i = 0; i < FINDINGS; i++) {
            d.finding("f-" + account + "-" + i, "Recon:EC2/Portscan", 5.0, false, REGION, account);
        }
    }
}
