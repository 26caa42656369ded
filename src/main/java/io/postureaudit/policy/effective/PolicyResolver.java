package io.postureaudit.policy.effective;

import io.postureaudit.collect.CollectedResource;
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
 * policy the snapshot lacks is taken from the bundled {@link ManagedPolicyLibrary} and named as such.
 */
public final class PolicyResolver {

    /** The name a role's trust policy carries in errors and evidence. */
    public static final String TRUST = "assumeRolePolicy";

    private final ManagedPolicyLibrary library;
    private final Map<String, CollectedResource> policiesByArn = new HashMap<>();
    private final Map<String, CollectedResource> groups = new HashMap<>();
    private final Map<Object, PolicyDocument> parsed = new IdentityHashMap<>();
    private final Map<Object, String> parseErrors = new IdentityHashMap<>();

    /** With the AWS managed policies bundled in the jar as the fallback for those the snapshot lacks. */
    public PolicyResolver(List<CollectedResource> resources) {
        this(resources, ManagedPolicyLibrary.bundled());
    }

    /** AWS managed policy ARNs carry no account, so one collected in any account resolves for every account. */
    public PolicyResolver(List<CollectedResource> resources, ManagedPolicyLibrary library) {
        this.library = library;
        for (CollectedResource r : resources) {
            if ("iam.policy".equals(r.type())) {
                policiesByArn.put(r.arn(), r);
            } else if ("iam.group".equals(r.type())) {
                groups.put(r.accountId() + "/" + str(r.data().get("groupName")), r);
            }
        }
    }

    /** The principals among {@code resources}, in input order. */
    public List<PrincipalPolicies> principals(List<CollectedResource> resources) {
        List<PrincipalPolicies> out = new ArrayList<>();
        for (CollectedResource r : resources) {
            switch (r.type()) {
                case "iam.user" -> out.add(user(r));
                case "iam.role" -> out.add(role(r));
                case "iam.group" -> out.add(group(r));
                case "identitycenter.permission-set" -> out.addAll(permissionSet(r));
                default -> {
                }
            }
        }
        return out;
    }

    private PrincipalPolicies user(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get("inlinePolicies"), "inline:");
        c.attached(r.data().get("attachedPolicies"), "");
        for (Object g : list(r.data().get("groups"))) {
            CollectedResource group = groups.get(r.accountId() + "/" + str(g));
            if (group == null) {
                c.unresolved.add("group " + g);
                continue;
            }
            c.collectorErrors(group.data(), "group:" + g + "/");
            c.inline(group.data().get("inlinePolicies"), "group:" + g + "/inline:");
            c.attached(group.data().get("attachedPolicies"), "group:" + g + "/");
        }
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get("userName")), c.identity,
                c.boundaryByArn(r.data().get("permissionsBoundary")), null, c.unresolved, c.bundled, c.errors, r,
                c.held);
    }

    // A group is judged as what it gives every member: its inline and attached policies.
    private PrincipalPolicies group(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get("inlinePolicies"), "inline:");
        c.attached(r.data().get("attachedPolicies"), "");
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get("groupName")), c.identity,
                null, null, c.unresolved, c.bundled, c.errors, r, c.held);
    }

    private PrincipalPolicies role(CollectedResource r) {
        Collector c = new Collector(r.accountId());
        c.collectorErrors(r.data(), "");
        c.inline(r.data().get("inlinePolicies"), "inline:");
        c.attached(r.data().get("attachedPolicies"), "");
        PolicyDocument trust = c.document(r.data().get(TRUST), TRUST);
        return new PrincipalPolicies(r.arn(), r.type(), r.accountId(), str(r.data().get("roleName")), c.identity,
                c.boundaryByArn(r.data().get("permissionsBoundary")), trust, c.unresolved, c.bundled, c.errors, r,
                c.held);
    }

    private List<PrincipalPolicies> permissionSet(CollectedResource r) {
        List<Object> accounts = list(r.data().get("provisionedAccounts"));
        if (accounts.isEmpty()) {
            accounts = List.of(r.accountId());
        }
        List<PrincipalPolicies> out = new ArrayList<>();
        for (Object account : accounts) {
            Collector c = new Collector(str(account));
            for (Object m : list(r.data().get("awsManagedPolicies"))) {
                Map<?, ?> ref = (Map<?, ?>) m;
                c.byArn(str(ref.get("arn")), str(ref.get("name")), c.identity);
            }
            for (Object m : list(r.data().get("customerManagedPolicies"))) {
                Map<?, ?> ref = (Map<?, ?>) m;
                c.byArn(customerArn(str(account), ref), str(ref.get("name")), c.identity);
            }
            Object inline = r.data().get("inlinePolicy");
            if (inline != null) {
                c.add("inline:" + str(r.data().get("name")), inline, c.identity);
            }
            List<NamedPolicy> boundary = null;
            if (r.data().get("permissionsBoundary") instanceof Map<?, ?> b) {
                boundary = new ArrayList<>();
                if (b.get("customerManagedPolicyReference") instanceof Map<?, ?> ref) {
                    c.byArn(customerArn(str(account), ref), "boundary:" + ref.get("name"), boundary);
                } else if (b.get("managedPolicyArn") != null) {
                    c.byArn(str(b.get("managedPolicyArn")), "boundary:" + b.get("managedPolicyArn"), boundary);
                }
            }
            out.add(new PrincipalPolicies(r.arn(), r.type(), str(account), str(r.data().get("name")), c.identity,
                    boundary, null, c.unresolved, c.bundled, c.errors, r, c.held));
        }
        return out;
    }

    // Identity Center provisions a customer managed reference as the policy with that path and name in the account.
    private static String customerArn(String account, Map<?, ?> ref) {
        String path = ref.get("path") == null ? "/" : str(ref.get("path"));
        return "arn:aws:iam::" + account + ":policy" + path + ref.get("name");
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
            for (Object e : list(data.get("policyErrors"))) {
                if (e instanceof Map<?, ?> m) {
                    errors.add(prefix + m.get("field") + ": " + m.get("error"));
                }
            }
        }

        void inline(Object policies, String prefix) {
            for (Object p : list(policies)) {
                Map<?, ?> m = (Map<?, ?>) p;
                add(prefix + m.get("policyName"), m.get("document"), identity);
            }
        }

        void attached(Object policies, String prefix) {
            for (Object p : list(policies)) {
                Map<?, ?> m = (Map<?, ?>) p;
                byArn(str(m.get("policyArn")), prefix + m.get("policyName"), identity);
            }
        }

        List<NamedPolicy> boundaryByArn(Object boundary) {
            if (!(boundary instanceof Map<?, ?> b) || b.get("arn") == null) {
                return null;
            }
            List<NamedPolicy> out = new ArrayList<>();
            byArn(str(b.get("arn")), "boundary:" + name(str(b.get("arn"))), out);
            return out;
        }

        void byArn(String arn, String name, List<NamedPolicy> into) {
            if (into == identity) {
                held.add(arn);
            }
            // The account's own copy wins: it is what the account really has, whatever version was bundled.
            CollectedResource policy = policiesByArn.get(arn);
            if (policy != null) {
                if (policy.data().get("document") == null) {
                    collectorErrors(policy.data(), name + " ");
                }
                add(name, policy.data().get("document"), into);
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
