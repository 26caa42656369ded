package io.postureaudit.policy.eval;

/**
 * What a principal string denotes: an IAM user, role, assumed-role session, account root, federated user or a
 * service/federated principal name. Session ARNs map back to their role for {@code aws:PrincipalArn}.
 */
public record PrincipalName(String arn, String account, String principalType, String principalArn, String userName,
        String roleName) {

    public static PrincipalName parse(String principal) {
        String[] parts = Arns.split(principal);
        if (parts == null) {
            // Service principals (lambda.amazonaws.com) and bare identity provider names.
            return new PrincipalName(principal, null, principal.endsWith(".amazonaws.com") ? "Service" : "Unknown",
                    principal, null, null);
        }
        String account = parts[4];
        String rest = parts[5];
        if ("sts".equals(parts[2]) && rest.startsWith("assumed-role/")) {
            String[] pieces = rest.split("/");
            String role = pieces.length > 1 ? pieces[1] : "";
            return new PrincipalName(principal, account, "AssumedRole",
                    "arn:" + parts[1] + ":iam::" + account + ":role/" + role, null, role);
        }
        if ("sts".equals(parts[2]) && rest.startsWith("federated-user/")) {
            return new PrincipalName(principal, account, "FederatedUser", principal, null, null);
        }
        if ("root".equals(rest)) {
            return new PrincipalName(principal, account, "Account", principal, null, null);
        }
        if (rest.startsWith("user/")) {
            return new PrincipalName(principal, account, "User", principal, lastSegment(rest), null);
        }
        if (rest.startsWith("role/")) {
            return new PrincipalName(principal, account, "AssumedRole", principal, null, lastSegment(rest));
        }
        return new PrincipalName(principal, account, "Unknown", principal, null, null);
    }

    public boolean isUser() {
        return userName != null;
    }

    private static String lastSegment(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
