package io.postureaudit.principals;

import static io.postureaudit.support.Api.admin;
import static io.postureaudit.support.Api.awaitScan;
import static io.postureaudit.support.Api.viewer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.postureaudit.policy.risk.EscalationCatalog;
import io.postureaudit.policy.risk.EscalationMethod;
import io.postureaudit.support.CollectTestProfile;
import io.postureaudit.support.TestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The 21 privilege-escalation methods Rhino Security Labs published, each held by one role of an imported
 * {@code aws iam get-account-authorization-details} bundle, beside lookalikes that cannot be exploited: a condition
 * that can never hold, a grant scoped to an unrelated ARN, a deny, a permissions boundary that cuts it, the method
 * without its pass-role or assume-role step (held by a user, which cannot target itself as a role), and (for the role-policy methods) only AWS's service-linked roles as
 * targets. Every method is found on its role, and no lookalike is flagged.
 */
@QuarkusTest
@TestProfile(CollectTestProfile.class)
@QuarkusTestResource(TestEnvironment.class)
class EscalationImportTest {

    private static final String ACCOUNT = "777788889999";
    private static final String OTHER = "999900001111";
    private static final String BOUNDARY = "arn:aws:iam::" + ACCOUNT + ":policy/read-only-boundary";
    private static final Pattern METHOD = Pattern.compile("\\(([a-z0-9-]+): \\[");
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<EscalationMethod> rhino() {
        return EscalationCatalog.methods().stream().filter(m -> m.source().startsWith("Rhino Security Labs, AWS IAM"))
                .toList();
    }

    private static List<String> actions(EscalationMethod m) {
        return m.requirements().stream().map(EscalationMethod.Requirement::action).toList();
    }

    private static Map<String, Object> allow(List<String> actions, Object resource) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", "Allow");
        s.put("Action", actions);
        s.put("Resource", resource);
        return s;
    }

    private static Map<String, Object> document(List<Map<String, Object>> statements) {
        return Map.of("Version", "2012-10-17", "Statement", statements);
    }

    private static Map<String, Object> role(String name, List<Map<String, Object>> statements, boolean bounded) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("Path", "/");
        role.put("RoleName", name);
        role.put("RoleId", "AROA" + Integer.toHexString(name.hashCode()).toUpperCase());
        role.put("Arn", "arn:aws:iam::" + ACCOUNT + ":role/" + name);
        role.put("CreateDate", "2024-01-01T00:00:00+00:00");
        role.put("AssumeRolePolicyDocument", document(List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "ec2.amazonaws.com"), "Action", "sts:AssumeRole"))));
        role.put("InstanceProfileList", List.of());
        role.put("AttachedManagedPolicies", List.of());
        role.put("RolePolicyList", List.of(Map.of("PolicyName", "work", "PolicyDocument", document(statements))));
        role.put("Tags", List.of(Map.of("Key", "team", "Value", "platform")));
        if (bounded) {
            role.put("PermissionsBoundary", Map.of("PermissionsBoundaryType", "Policy",
                    "PermissionsBoundaryArn", BOUNDARY));
        }
        return role;
    }

    private static Map<String, Object> user(String name, List<Map<String, Object>> statements) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("Path", "/");
        user.put("UserName", name);
        user.put("UserId", "AIDA" + Integer.toHexString(name.hashCode()).toUpperCase());
        user.put("Arn", "arn:aws:iam::" + ACCOUNT + ":user/" + name);
        user.put("CreateDate", "2024-01-01T00:00:00+00:00");
        user.put("GroupList", List.of());
        user.put("AttachedManagedPolicies", List.of());
        user.put("UserPolicyList", List.of(Map.of("PolicyName", "work", "PolicyDocument", document(statements))));
        user.put("Tags", List.of(Map.of("Key", "team", "Value", "platform")));
        return user;
    }

    /** The roles that hold each method, and its lookalikes keyed by role name. */
    private static Map<String, Object> bundle(Map<String, String> holders, List<String> lookalikes) {
        List<Map<String, Object>> roles = new ArrayList<>();
        List<Map<String, Object>> users = new ArrayList<>();
        for (EscalationMethod m : rhino()) {
            String id = m.id();
            List<String> actions = actions(m);
            roles.add(role("esc-" + id, List.of(allow(actions, "*")), false));
            holders.put("esc-" + id, id);
            Map<String, Object> past = allow(actions, "*");
            past.put("Condition", Map.of("DateLessThan", Map.of("aws:CurrentTime", "2020-01-01T00:00:00Z")));
            roles.add(role("look-" + id + "-expired", List.of(past), false));
            roles.add(role("look-" + id + "-elsewhere",
                    List.of(allow(actions, List.of("arn:aws:iam::" + OTHER + ":role/unrelated",
                            "arn:aws:s3:::unrelated-bucket/*"))), false));
            Map<String, Object> deny = new LinkedHashMap<>();
            deny.put("Effect", "Deny");
            deny.put("Action", List.of(actions.get(0)));
            deny.put("Resource", "*");
            roles.add(role("look-" + id + "-denied", List.of(allow(actions, "*"), deny), false));
            roles.add(role("look-" + id + "-bounded", List.of(allow(actions, "*")), true));
            List<String> step = actions.stream().filter(a -> a.equals("iam:PassRole") || a.equals("sts:AssumeRole"))
                    .toList();
            if (!step.isEmpty()) {
                // A user: a role allowed iam:AttachRolePolicy on every role could change itself without assuming one.
                List<String> without = actions.stream().filter(a -> !step.contains(a)).toList();
                users.add(user("look-" + id + "-no-" + step.get(0).replace(':', '-').toLowerCase(),
                        List.of(allow(without, "*"))));
            }
            if (actions.contains("sts:AssumeRole")) {
                // Roles under /aws-service-role/ cannot be changed by customers: no escalation into them.
                String serviceRoles = "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/*";
                roles.add(role("look-" + id + "-service-linked", List.of(allow(actions, serviceRoles)), false));
            }
        }
        roles.stream().map(r -> (String) r.get("RoleName")).filter(n -> n.startsWith("look-"))
                .forEach(lookalikes::add);
        users.forEach(u -> lookalikes.add((String) u.get("UserName")));
        Map<String, Object> boundary = new LinkedHashMap<>();
        boundary.put("PolicyName", "read-only-boundary");
        boundary.put("PolicyId", "ANPABOUNDARY");
        boundary.put("Arn", BOUNDARY);
        boundary.put("Path", "/");
        boundary.put("DefaultVersionId", "v1");
        boundary.put("AttachmentCount", 0);
        boundary.put("PermissionsBoundaryUsageCount", lookalikes.size());
        boundary.put("IsAttachable", true);
        boundary.put("CreateDate", "2024-01-01T00:00:00+00:00");
        boundary.put("UpdateDate", "2024-01-01T00:00:00+00:00");
        boundary.put("PolicyVersionList", List.of(Map.of("VersionId", "v1", "IsDefaultVersion", true,
                "CreateDate", "2024-01-01T00:00:00+00:00",
                "Document", document(List.of(allow(List.of("cloudwatch:GetMetricData"), "*"))))));
        return Map.of("UserDetailList", users, "GroupDetailList", List.of(), "RoleDetailList", roles,
                "Policies", List.of(boundary));
    }

    @Test
    void shouldFindEveryRhinoMethodOnItsRoleAndFlagNoLookalikeWhenImported() throws Exception {
        assertEquals(21, rhino().size(), "Rhino Security Labs published 21 methods");
        Map<String, String> holders = new TreeMap<>();
        List<String> lookalikes = new ArrayList<>();
        String bundle = JSON.writeValueAsString(Map.of("iam:GetAccountAuthorizationDetails",
                bundle(holders, lookalikes)));
        JsonPath started = admin().contentType(ContentType.JSON).body(bundle).queryParam("account", ACCOUNT)
                .queryParam("name", "escalation").post("/api/imports").then().statusCode(202).extract().jsonPath();
        JsonPath scan = awaitScan(started.getLong("scanId"));
        assertTrue(List.of("succeeded", "partial").contains(scan.getString("status")), scan::prettify);

        List<Map<String, Object>> principals = viewer().queryParam("account", ACCOUNT).get("/api/principals").then()
                .statusCode(200).extract().jsonPath().getList("$");
        Map<String, TreeSet<String>> found = new TreeMap<>();
        for (Map<String, Object> p : principals) {
            String name = String.valueOf(p.get("arn")).substring(String.valueOf(p.get("arn")).lastIndexOf('/') + 1);
            TreeSet<String> methods = new TreeSet<>();
            for (Object r : (List<?>) p.get("risks")) {
                Map<?, ?> risk = (Map<?, ?>) r;
                Matcher m = METHOD.matcher(String.valueOf(risk.get("detail")));
                if ("privilege-escalation".equals(risk.get("category")) && m.find()) {
                    methods.add(m.group(1));
                }
            }
            found.put(name, methods);
        }
        List<String> missed = new ArrayList<>();
        holders.forEach((role, method) -> {
            if (!found.getOrDefault(role, new TreeSet<>()).contains(method)) {
                missed.add(role + " (found " + found.get(role) + ")");
            }
        });
        assertEquals(List.of(), missed, "methods not found on the role that holds them");
        List<String> flagged = new ArrayList<>();
        for (String role : lookalikes) {
            if (!found.containsKey(role)) {
                flagged.add(role + " (not analysed)");
            } else if (!found.get(role).isEmpty()) {
                flagged.add(role + " " + found.get(role));
            }
        }
        assertEquals(List.of(), flagged, "lookalikes that cannot be exploited but were flagged");
        assertTrue(lookalikes.size() >= 21 * 4, "every method has its lookalikes: " + lookalikes.size());

        // Findings: one per holder. A role that may attach or write policies on every role can change itself, so it
        // is administrator-equivalent and principal_admin_access reports it instead (one root cause, one finding).
        Map<String, String> ruleByRole = new TreeMap<>();
        for (String rule : List.of("principal_privilege_escalation", "principal_admin_access")) {
            List<String> arns = viewer().queryParam("account", ACCOUNT).queryParam("ruleId", rule)
                    .queryParam("status", "open").queryParam("size", 500).get("/api/findings").then().statusCode(200)
                    .extract().jsonPath().getList("items.resourceArn");
            arns.forEach(arn -> ruleByRole.merge(arn.substring(arn.lastIndexOf('/') + 1), rule, (a, b) -> a + "+" + b));
        }
        Map<String, String> expected = new TreeMap<>();
        holders.forEach((role, method) -> expected.put(role, method.equals("iam-attach-role-policy")
                || method.equals("iam-put-role-policy") ? "principal_admin_access" : "principal_privilege_escalation"));
        assertEquals(expected, ruleByRole, "one finding per holder, none on a lookalike");
    }
}
