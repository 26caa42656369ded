package io.postureaudit.support;

import io.postureaudit.fakeaws.FakeIam;

/** The IAM content the scan tests plant in the fake AWS: realistic, with known weaknesses. */
public final class Estates {

    public static final String STAR_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""";
    public static final String ACCOUNT_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},
            "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"partner-42"}}}]}""";
    public static final String LAMBDA_TRUST = """
            {"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}""";
    public static final String STAR_STAR = """
            {"Version":"2012-10-17","Statement":[{"Sid":"Everything","Effect":"Allow","Action":"*","Resource":"*"}]}""";
    public static final String S3_READ = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
            "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}""";

    private Estates() {
    }

    /** dev: a full-admin customer policy, a console user without MFA, and a role anyone can assume. */
    public static void plantDev(FakeIam iam, String account) {
        FakeIam.Estate e = iam.estate(account);
        synchronized (e) {
            e.users.clear();
            e.groups.clear();
            e.roles.clear();
            e.policies.clear();
            e.credentialReportRows.clear();
            FakeIam.User kenta = new FakeIam.User("kenta");
            kenta.groups.add("developers");
            kenta.tags.put("team", "platform");
            FakeIam.User yui = new FakeIam.User("yui");
            yui.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/s3-reports");
            FakeIam.User ci = new FakeIam.User("ci-deployer");
            ci.inlinePolicies.put("deploy", S3_READ);
            e.users.add(kenta);
            e.users.add(yui);
            e.users.add(ci);
            FakeIam.Group developers = new FakeIam.Group("developers");
            developers.attachedPolicyArns.add("arn:aws:iam::" + account + ":policy/ops-everything");
            e.groups.add(developers);
            FakeIam.Role legacy = new FakeIam.Role("legacy-integration", STAR_TRUST);
            legacy.lastUsed = "2026-10-01T00:00:00Z";
            legacy.lastUsedRegion = "ap-northeast-1";
            e.roles.add(legacy);
            e.roles.add(new FakeIam.Role("partner-access", ACCOUNT_TRUST));
            e.roles.add(new FakeIam.Role("lambda-exec", LAMBDA_TRUST));
            e.policies.add(new FakeIam.Policy("ops-everything", "arn:aws:iam::" + account + ":policy/ops-everything", STAR_STAR));
            e.policies.add(new FakeIam.Policy("s3-reports", "arn:aws:iam::" + account + ":policy/s3-reports", S3_READ));
            e.credentialReportRows.add("<root_account>,arn:aws:iam::" + account + ":root,2024-01-01T00:00:00+00:00,"
                    + "not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,"
                    + "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A");
            e.credentialReportRows.add(row(account, "kenta", true, false, true));
            e.credentialReportRows.add(row(account, "yui", true, true, false));
            e.credentialReportRows.add(row(account, "ci-deployer", false, false, true));
        }
    }

    /** prod: one console user without MFA. */
    public static void plantProd(FakeIam iam, String account) {
        FakeIam.Estate e = iam.estate(account);
        synchronized (e) {
            e.users.clear();
            e.credentialReportRows.clear();
            e.users.add(new FakeIam.User("break-glass"));
            e.credentialReportRows.add(row(account, "break-glass", true, false, false));
        }
    }

    /** One credential report line for a user. */
    public static String row(String account, String user, boolean password, boolean mfa, boolean key) {
        return user + ",arn:aws:iam::" + account + ":user/" + user + ",2024-04-01T09:00:00+00:00,"
                + password + "," + (password ? "2026-11-20T08:00:00+00:00" : "N/A") + ","
                + (password ? "2025-01-10T00:00:00+00:00" : "N/A") + ",N/A," + mfa + ","
                + key + "," + (key ? "2025-02-01T00:00:00+00:00" : "N/A") + ","
                + (key ? "2026-11-26T03:00:00+00:00,ap-northeast-1,s3" : "N/A,N/A,N/A")
                + ",false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    }
}
