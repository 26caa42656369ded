package io.postureaudit.fakeaws;

import static io.postureaudit.fakeaws.FakeIam.el;
import static io.postureaudit.fakeaws.FakeIam.metadata;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** STS over the Query protocol: AssumeRole hands out keys that name the target account; GetCallerIdentity. */
public final class FakeSts extends QueryXmlHandler {

    /** Every AssumeRole the fake answered: role, session name, external id. */
    public final List<Map<String, String>> assumeRoleCalls = new CopyOnWriteArrayList<>();
    /** ExternalId each role demands, by role ARN. */
    public final Map<String, String> requiredExternalIds = new java.util.concurrent.ConcurrentHashMap<>();




    public FakeSts() {
        super("sts");
    }

    @Override
    public FakeResponse handle(FakeRequest request, String operation) {
        Map<String, String> form = request.form();
        return switch (operation) {
            case "AssumeRole" -> assumeRole(form);
            case "GetCallerIdentity" -> FakeResponse.xml("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<GetCallerIdentityResult>" + el("Arn", "arn:aws:iam::" + request.accountId() + ":user/auditor")
                    + el("UserId", "AIDAAUDITOR") + el("Account", request.accountId())
                    + "</GetCallerIdentityResult>" + metadata() + "</GetCallerIdentityResponse>");
            default -> throw new AwsFault(400, "InvalidAction", "Could not find operation " + operation);
        };
    }

    private FakeResponse assumeRole(Map<String, String> form) {
        String roleArn = form.get("RoleArn");
        String account = roleArn.split(":")[4];
        assumeRoleCalls.add(Map.of("roleArn", roleArn, "sessionName", form.getOrDefault("RoleSessionName", ""),
                "externalId", form.getOrDefault("ExternalId", "")));
        String required = requiredExternalIds.get(roleArn);
        if (required != null && !required.equals(form.get("ExternalId"))) {
            throw new AwsFault(403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole on resource: "
                    + roleArn);
        }
        return FakeResponse.xml("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                + "<Credentials>" + el("AccessKeyId", "ASIAF" + account) + el("SecretAccessKey", "fake-secret")
                + el("SessionToken", "fake-token") + el("Expiration", Instant.now().plus(1, ChronoUnit.HOURS).toString())
                + "</Credentials><AssumedRoleUser>" + el("Arn", "arn:aws:sts::" + account + ":assumed-role/audit/"
                + form.get("RoleSessionName")) + el("AssumedRoleId", "AROAAUDIT:" + form.get("RoleSessionName"))
                + "</AssumedRoleUser></AssumeRoleResult>" + metadata() + "</AssumeRoleResponse>");
    }
}
