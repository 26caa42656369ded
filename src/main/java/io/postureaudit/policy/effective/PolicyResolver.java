package io.postureaudit.policy.effective;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.iam.IamFields;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import io.postureaudit.policy.catalog.ManagedPolicy;
import io.postureaudit.policy.catalog.ManagedPolicyLibrary;
import io.postureaudit.policy.eval.NamedPolicy;
import io.postureaudit.policy.model.PolicyDocument;
import io.postureaudit.policy.model.PolicyParseException;
import io.postureaudit.policy.model.PolicyParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers each principal's policies from collected resources: users (inline, attached, and every group's), groups
 * (what they give each member), roles
 * (plus the trust policy) and Identity Center permission sets (AWS managed, customer managed resolved by name in
 * each target account, inline, boundary), one entry per permission set and provisioned account. An AWS managed
 * policy the snapshot lacks is taken from the bundled {@link ManagedPolicyLibrary} and named as such. Not thread-safe
 * (it caches parsed documents).
 */
public final class PolicyResolver {

    /** The name a role's trust policy carries in errors and evidence. */
    public static final String TRUST = IamFields.ASSUME_ROLE_POLICY;

    private final ManagedPolicyLibrary library;
    private final Map<String, CollectedResource> policiesByArn = new HashMap<>();
    private final Map<String, CollectedResource> groups = new HashMap<>();
    private final Map<Object, PolicyDocument> parsed;
    private final Map<Object, String> parseErrors;

    /** With the AWS managed policies bundled in the jar as the fallback for those the snapshot lacks. */
    public PolicyResolver(List<CollectedResource> resources) {
        this(resources, ManagedPolicyLibrary.bundled());
    }

    /** AWS managed policy ARNs carry no account, so one collected in any account resolves for every account. */
    public PolicyResolver(List<CollectedResource> resources, ManagedPolicyLibrary library) {
        this.library = library;
        this.parsed = new IdentityHashMap<>();
        this.parseErrors = new IdentityHashMap<>();
        for (CollectedResource r : resources) {
            if (ResourceTypes.IAM_POLICY.equals(r.type())) {
                policiesByArn.put(r.arn(), r);
            } else if (ResourceTypes.IAM_GROUP.equals(r.type())) {
                groups.put(r.accountId() + "/" + str(r.data().get(IamFields.GROUP_NAME)), r);
            }
        }
    }

    private PolicyResolver(PolicyResolver base) {
        this.library = base.library;
        this.policiesByArn.putAll(base.policiesByArn);
        this.groups.putAll(base.groups);
        // Shared, not copied: keyed by the document object, a parse is the same in either snapshot.
        this.parsed = base.parsed;
        this.parseErrors = base.parseErrors;
    }

    /**
     * This snapshot with one policy or group put back as it was ({@code replacement}, same ARN) or left out (null):
     * what {@code new PolicyResolver(resources without arn, plus replacement)} gives, without reading the whole
     * snapshot again, and with the documents already parsed here reused, so an analysis cache keyed by document
     * keeps them compiled. Other resource types do not change how principals resolve.
     */
    public PolicyResolver replacing(String arn, CollectedResource replacement) {
        PolicyResolver out = new PolicyResolver(this);
        out.policiesByArn.remove(arn);
        out.groups.values().removeIf(g -> g.arn().equals(arn));
        if (replacement != null) {
            if (ResourceTypes.IAM_POLICY.equals(replacement.type())) {
                out.policiesByArn.put(replacement.arn(), replacement);
            } else if (ResourceTypes.IAM_GROUP.equals(replacement.type())) {
                out.groups.put(replacement.accountId() + "/" + str(replacement.data().get(IamFields.GROUP_NAME)),
                        replacement);
            }
        }
        return out;
    }

    /** The principals among {@code resources}, in input order. */
    public List<PrincipalPolicies> principals(List<CollectedResource> resources) {
        List<PrincipalPolicies> out = new ArrayList<>();
        for (CollectedResource r : resources) {
            switch (r.type()) {
                case ResourceTypes.IAM_USER -> out.add(user(r));
                case ResourceTypes.IAM_ROLE -> out.add(role(r));
                case ResourceTypes.IAM_GROUP -> out.add(group(r));
                case ResourceTypes.IDC_PERMISSION_SET -> out.addAll(permissionSet(r));
                default -> {
                }
            }
        }
        return out;
    }

    private PrincipalPolicies user(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get(IamFields.INLINE_POLICIES), "inline:");
        c.attached(r.data().get(IamFields.ATTACHED_POLICIES), "");
        for (Object g : list(r.data().get(IamFields.GROUPS))) {
            CollectedResource group = groups.get(r.accountId() + "/" + str(g));
            if (group == null) {
                c.unresolved.add("group " + g);
                continue;
            }
            c.collectorErrors(group.data(), "group:" + g + "/");
            c.inline(group.data().get(IamFields.INLINE_POLICIES), "group:" + g + "/inline:");
            c.attached(group.data().get(IamFields.ATTACHED_POLICIES), "group:" + g + "/");
        }
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get(IamFields.USER_NAME)), c.identity,
                c.boundaryByArn(r.data().get(IamFields.PERMISSIONS_BOUNDARY)), null, c.unresolved, c.bundled, c.errors, r,
                c.held);
    }

    // A group is judged as what it gives every member: its inline and attached policies.
    private PrincipalPolicies group(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get(IamFields.INLINE_POLICIES), "inline:");
        c.attached(r.data().get(IamFields.ATTACHED_POLICIES), "");
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get(IamFields.GROUP_NAME)), c.identity,
                null, null, c.unresolved, c.bundled, c.errors, r, c.held);
    }

    private PrincipalPolicies role(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get(IamFields.INLINE_POLICIES), "inline:");
        c.attached(r.data().get(IamFields.ATTACHED_POLICIES), "");
        PolicyDocument trust = c.document(r.data().get(TRUST), TRUST);
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get(IamFields.ROLE_NAME)), c.identity,
                c.boundaryByArn(r.data().get(IamFields.PERMISSIONS_BOUNDARY)), trust, c.unresolved, c.bundled, c.errors, r,
                c.held);
    }

    private List<PrincipalPolicies> permissionSet(CollectedResource r) {
        List<Object> accounts = list(r.data().get(IdentityCenterFields.PROVISIONED_ACCOUNTS));
        if (accounts.isEmpty()) {
            accounts = List.of(r.accountId());
        }
        List<PrincipalPolicies> out = new ArrayList<>();
        for (Object account : accounts) {
            Collector c = new Collector(str(account));
            for (Object m : list(r.data().get(IdentityCenterFields.AWS_MANAGED_POLICIES))) {
                Map<?, ?> ref = (Map<?, ?>) m;
                c.byArn(str(ref.get(IdentityCenterFields.ARN)), str(ref.get(IdentityCenterFields.NAME)), c.identity);
            }
            for (Object m : list(r.data().get(IdentityCenterFields.CUSTOMER_MANAGED_POLICIES))) {
                Map<?, ?> ref = (Map<?, ?>) m;
                c.byArn(customerArn(str(account), ref), str(ref.get(IdentityCenterFields.NAME)), c.identity);
            }
            Object inline = r.data().get(IdentityCenterFields.INLINE_POLICY);
            if (inline != null) {
                c.add("inline:" + str(r.data().get(IdentityCenterFields.NAME)), inline, c.identity);
            }
            List<NamedPolicy> boundary = null;
            if (r.data().get(IdentityCenterFields.PERMISSIONS_BOUNDARY) instanceof Map<?, ?> b) {
                boundary = new ArrayList<>();
                if (b.get(IdentityCenterFields.CUSTOMER_MANAGED_POLICY_REFERENCE) instanceof Map<?, ?> ref) {
                    c.byArn(customerArn(str(account), ref), "boundary:" + ref.get(IdentityCenterFields.NAME), boundary);
                } else if (b.get(IdentityCenterFields.MANAGED_POLICY_ARN) != null) {
                    c.byArn(str(b.get(IdentityCenterFields.MANAGED_POLICY_ARN)), "boundary:" + b.get(IdentityCenterFields.MANAGED_POLICY_ARN), boundary);
                }
            }
            out.add(new PrincipalPolicies(r.arn(), r.type(), str(account), str(r.data().get(IdentityCenterFields.NAME)), c.identity,
                    boundary, null, c.unresolved, c.bundled, c.errors, r, c.held));
        }
        return out;
    }

    // Identity Center provisions a customer managed reference as the policy with that path and name in the account.
    private static String customerArn(String account, Map<?, ?> ref) {
        String path = ref.get(IdentityCenterFields.PATH) == null ? "/" : str(ref.get(IdentityCenterFields.PATH));
        return "arn:aws:iam::" + account + ":policy" + path + ref.get(IdentityCenterFields.NAME);
    }

    /** Accumulates one principal's named documents, gaps and parse errors. */
    private final class Collector {
        final String account;
        final List<NamedPolicy> identity = new ArrayList<>();
        final List<String> unresolved = new ArrayList<>();
        final List<String> bundled = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> held = new ArrayList<>();

        Collector(String account) {
            this.account = account;
        }

        // Documents the collector could not even decode are stored as null with a policyErrors entry: an error here
        // too, never a policy that silently grants nothing.
        void collectorErrors(Map<String, Object> data, String prefix) {
            for (Object e : list(data.get(IamFields.POLICY_ERRORS))) {
                if (e instanceof Map<?, ?> m) {
                    errors.add(prefix + m.get(IamFields.POLICY_ERROR_FIELD) + ": " + m.get(IamFields.POLICY_ERROR));
                }
            }
        }

        void inline(Object policies, String prefix) {
            for (Object p : list(policies)) {
                Map<?, ?> m = (Map<?, ?>) p;
                add(prefix + m.get(IamFields.POLICY_NAME), m.get(IamFields.DOCUMENT), identity);
            }
        }

        void attached(Object policies, String prefix) {
            for (Object p : list(policies)) {
                Map<?, ?> m = (Map<?, ?>) p;
                byArn(str(m.get(IamFields.POLICY_ARN)), prefix + m.get(IamFields.POLICY_NAME), identity);
            }
        }

        List<NamedPolicy> boundaryByArn(Object boundary) {
            if (!(boundary instanceof Map<?, ?> b) || b.get(IamFields.ARN) == null) {
                return null;
            }
            List<NamedPolicy> out = new ArrayList<>();
            byArn(str(b.get(IamFields.ARN)), "boundary:" + name(str(b.get(IamFields.ARN))), out);
            return out;
        }

        void byArn(String arn, String name, List<NamedPolicy> into) {
            if (into == identity) {
                held.add(arn);
            }
            // The account's own copy wins: it is what the account really has, whatever version was bundled.
            CollectedResource policy = policiesByArn.get(arn);
            if (policy != null) {
                if (policy.data().get(IamFields.DOCUMENT) == null) {
                    collectorErrors(policy.data(), name + " ");
                }
                add(name, policy.data().get(IamFields.DOCUMENT), into);
                return;
            }
            // Only AWS managed ARNs can match; a customer managed policy is never taken from the library.
            Optional<ManagedPolicy> fromLibrary = library.byArn(arn);
            if (fromLibrary.isPresent()) {
                bundled.add(arn);
                add(name + " (AWS managed, bundled " + library.version() + ")", fromLibrary.get().document(), into);
                return;
            }
            // Neither collected nor bundled: report the gap rather than analysing as if the policy granted nothing.
            unresolved.add(arn);
        }

        void add(String name, Object document, List<NamedPolicy> into) {
            PolicyDocument doc = document(document, name);
            if (doc != null) {
                into.add(new NamedPolicy(name, doc));
            }
        }

        PolicyDocument document(Object document, String name) {
            if (document == null) {
                return null;
            }
            PolicyDocument doc = parsed.get(document);
            if (doc != null) {
                return doc;
            }
            String known = parseErrors.get(document);
            if (known != null) {
                errors.add(known);
                return null;
            }
            try {
                doc = document instanceof String s ? PolicyParser.parse(s) : PolicyParser.parseMap((Map<?, ?>) document);
                parsed.put(document, doc);
                return doc;
            } catch (PolicyParseException | ClassCastException e) {
                String message = name + ": " + e.getMessage();
                parseErrors.put(document, message);
                errors.add(message);
                return null;
            }
        }
    }

    private static String name(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
