package io.postureaudit.policy.eval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Resources AWS reserves for itself, which no customer principal may change whatever its policies say: AWS managed
 * policies ({@code arn:aws:iam::aws:policy/…}) cannot be created, versioned, deleted or tagged; service-linked roles
 * ({@code /aws-service-role/}) and IAM Identity Center's roles ({@code /aws-reserved/sso.amazonaws.com/},
 * {@code AWSReservedSSO_*}) cannot have their policies, trust or boundary changed, nor be deleted through IAM; KMS
 * aliases under {@code alias/aws/} belong to AWS managed keys. Sources are listed in docs/policy-engine.md.
 */
public final class ReservedResources {

    private static final Set<String> POLICY_CHANGES = Set.of("iam:createpolicy", "iam:createpolicyversion",
            "iam:deletepolicy", "iam:deletepolicyversion", "iam:setdefaultpolicyversion", "iam:tagpolicy",
            "iam:untagpolicy");
    private static final Set<String> ROLE_CHANGES = Set.of("iam:attachrolepolicy", "iam:detachrolepolicy",
            "iam:putrolepolicy", "iam:deleterolepolicy", "iam:updateassumerolepolicy",
            "iam:putrolepermissionsboundary", "iam:deleterolepermissionsboundary", "iam:deleterole");
    private static final Set<String> ALIAS_CHANGES = Set.of("kms:createalias", "kms:deletealias", "kms:updatealias");
    private static final List<String> RESERVED_ROLE_PATHS = List.of("aws-service-role/",
            "aws-reserved/sso.amazonaws.com/");

    private ReservedResources() {
    }

    /** Why AWS refuses {@code action} on {@code resource} for every customer principal, if it does. */
    public static Optional<String> refusal(String action, String resource) {
        String a = action.toLowerCase(Locale.ROOT);
        if (resource == null) {
            return Optional.empty();
        }
        if (POLICY_CHANGES.contains(a) && resource.matches("arn:aws[a-z-]*:iam::aws:policy/.*")) {
            return Optional.of(resource + " is an AWS managed policy: only AWS creates, versions, tags or deletes it");
        }
        if (ROLE_CHANGES.contains(a) && reservedRole(resource)) {
            return Optional.of(resource + " is a role AWS manages (service-linked or IAM Identity Center): its "
                    + "policies, trust and boundary cannot be changed, nor can it be deleted through IAM");
        }
        if (ALIAS_CHANGES.contains(a) && resource.matches("arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias/aws/.*")) {
            return Optional.of(resource + " is an alias reserved for AWS managed keys");
        }
        return Optional.empty();
    }

    /**
     * True when every resource {@code pattern} can name for {@code action} is reserved, so a grant with that pattern
     * gives nothing: {@code iam:AttachRolePolicy} on {@code arn:aws:iam::*:role/aws-service-role/*}.
     */
    public static boolean confined(String action, String pattern) {
        String a = action.toLowerCase(Locale.ROOT);
        if (POLICY_CHANGES.contains(a)) {
            return pattern.matches("arn:aws[a-z-]*:iam::aws:policy/.*");
        }
        if (ROLE_CHANGES.contains(a)) {
            int role = pattern.indexOf(":role/");
            if (role < 0) {
                return false;
            }
            String rest = pattern.substring(role + ":role/".length());
            return RESERVED_ROLE_PATHS.stream().anyMatch(rest::startsWith);
        }
        return false;
    }

    /** A role ARN under a path AWS reserves, or an Identity Center role by its name. */
    public static boolean reservedRole(String arn) {
        int role = arn.indexOf(":role/");
        if (role < 0) {
            return false;
        }
        String rest = arn.substring(role + ":role/".length());
        return RESERVED_ROLE_PATHS.stream().anyMatch(rest::startsWith)
                || rest.substring(rest.lastIndexOf('/') + 1).startsWith("AWSReservedSSO_");
    }
}
