package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;

/**
 * Resources AWS creates and owns: service-linked roles, the {@code AWSReservedSSO_*} roles Identity Center
 * provisions, AWS managed policies and keys, the Identity Center instance, and web ACLs Firewall Manager writes.
 * They are classified, never reported as unmanaged noise.
 */
final class AwsManaged {

    private AwsManaged() {
    }

    static boolean is(CollectedResource r) {
        return switch (r.type()) {
            case ResourceTypes.IAM_ROLE -> {
                String path = String.valueOf(r.data().get("path"));
                yield path.startsWith("/aws-service-role/") || path.startsWith("/aws-reserved/")
                        || String.valueOf(r.name()).startsWith("AWSReservedSSO_");
            }
            case ResourceTypes.IAM_POLICY -> Boolean.TRUE.equals(r.data().get("awsManaged"))
                    || r.arn().startsWith("arn:aws:iam::aws:");
            case ResourceTypes.KMS_KEY -> "AWS".equals(r.data().get("manager"));
            case ResourceTypes.IDC_INSTANCE -> true;
            case ResourceTypes.WAF_WEB_ACL -> Boolean.TRUE.equals(r.data().get("managedByFirewallManager"));
            default -> false;
        };
    }
}
