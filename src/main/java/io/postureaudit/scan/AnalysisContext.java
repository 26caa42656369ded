package io.postureaudit.scan;

import io.postureaudit.collect.Collected;
import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.identitycenter.IdentityCenterFields;
import io.postureaudit.inventory.StoredResources;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one account's least-privilege analysis needs from other accounts, read from what is stored so that only one
 * account's collection is in memory: the permission sets provisioned into this account (they live in the Identity
 * Center account), and the IAM policies of the accounts this account's permission sets reach (customer managed
 * references resolve there). Accounts collected in the same in-memory scan are taken from memory instead.
 */
@ApplicationScoped
public class AnalysisContext {

    static final String PERMISSION_SET = ResourceTypes.IDC_PERMISSION_SET;
    static final String PROVISIONED = "provisionedAccounts";
    private final StoredResources stored;

    public AnalysisContext(StoredResources stored) {
        this.stored = stored;
    }

    /** @param siblings other accounts of an in-memory scan (empty for a live per-account job) */
    public List<CollectedResource> forAccount(Collected self, List<Collected> siblings) {
        String id = self.account().id();
        Map<String, Collected> inMemory = othersInMemory(id, siblings);
        Map<String, CollectedResource> out = new LinkedHashMap<>();
        for (CollectedResource set : stored.listing(PERMISSION_SET, PROVISIONED, id)) {
            if (!set.accountId().equals(id) && !inMemory.containsKey(set.accountId())) {
                out.put(set.arn(), set);
            }
        }
        inMemory.values().stream().flatMap(s -> s.resources().stream())
                .filter(r -> PERMISSION_SET.equals(r.type()) && provisioned(r).contains(id))
                .forEach(r -> out.put(r.arn(), r));
        Set<String> reached = new HashSet<>();
        self.resources().stream().filter(r -> PERMISSION_SET.equals(r.type())).forEach(r -> reached.addAll(provisioned(r)));
        reached.remove(id);
        List<String> fromStore = new ArrayList<>();
        for (String account : reached) {
            Collected sibling = inMemory.get(account);
            if (sibling == null) {
                fromStore.add(account);
            } else {
                sibling.resources().stream().filter(r -> ResourceTypes.IAM_POLICY.equals(r.type()))
                        .forEach(r -> out.put(r.arn(), r));
            }
        }
        stored.ofType(ResourceTypes.IAM_POLICY, fromStore).forEach(r -> out.putIfAbsent(r.arn(), r));
        return List.copyOf(out.values());
    }

    /**
     * Who holds what in this account according to Identity Center elsewhere: the assignments other accounts' instances
     * made into it, and those accounts' groups (their members). With {@link #forAccount} this is what drift needs to
     * name the people whose access a change in this account moves (a customer managed policy a permission set
     * references by name resolves here).
     */
    public List<CollectedResource> identityCenterInto(Collected self, List<Collected> siblings) {
        String id = self.account().id();
        Map<String, Collected> inMemory = othersInMemory(id, siblings);
        List<CollectedResource> out = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        for (CollectedResource a : stored.withValue(ResourceTypes.IDC_ASSIGNMENT, IdentityCenterFields.ACCOUNT_ID, id)) {
            if (!a.accountId().equals(id) && !inMemory.containsKey(a.accountId())) {
                out.add(a);
                owners.add(a.accountId());
            }
        }
        for (Collected sibling : inMemory.values()) {
            for (CollectedResource r : sibling.resources()) {
                if (ResourceTypes.IDC_ASSIGNMENT.equals(r.type())
                        && id.equals(String.valueOf(r.data().get(IdentityCenterFields.ACCOUNT_ID)))) {
                    out.add(r);
                    owners.add(r.accountId());
                }
            }
        }
        List<String> fromStore = new ArrayList<>();
        for (String owner : owners) {
            Collected sibling = inMemory.get(owner);
            if (sibling == null) {
                fromStore.add(owner);
            } else {
                sibling.resources().stream().filter(r -> ResourceTypes.IDC_GROUP.equals(r.type())).forEach(out::add);
            }
        }
        out.addAll(stored.ofType(ResourceTypes.IDC_GROUP, fromStore));
        return List.copyOf(out);
    }

    /** The other accounts of an in-memory scan that were read, by account id. */
    private static Map<String, Collected> othersInMemory(String id, List<Collected> siblings) {
        Map<String, Collected> inMemory = new LinkedHashMap<>();
        siblings.stream().filter(s -> !s.account().id().equals(id) && s.failure() == null)
                .forEach(s -> inMemory.put(s.account().id(), s));
        return inMemory;
    }

    private static List<String> provisioned(CollectedResource permissionSet) {
        return permissionSet.data().get(PROVISIONED) instanceof List<?> accounts
                ? accounts.stream().map(String::valueOf).toList() : List.of();
    }
}
