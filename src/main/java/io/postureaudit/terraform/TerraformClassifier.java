package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.Collected;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.terraform.StateInstance;
import io.postureaudit.collect.terraform.StateRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies one account's live resources against every state read in the scan. Which account a state instance
 * belongs to comes from its ARN; for parts that only name their parent (an inline policy names its role), from
 * the other instances of the same provider configuration in the same file, else from where that parent is live.
 * A primary instance is reported missing only when its scope was read completely: absence nobody could see is
 * not absence.
 */
public final class TerraformClassifier {

    /** The inventory types Terraform can describe, and so the ones classified. */
    public static final Set<String> CLASSIFIED = Set.of(ResourceTypes.IAM_USER, ResourceTypes.IAM_GROUP,
            ResourceTypes.IAM_ROLE, ResourceTypes.IAM_POLICY, ResourceTypes.KMS_KEY, ResourceTypes.WAF_WEB_ACL,
            ResourceTypes.GUARDDUTY_DETECTOR, ResourceTypes.IDC_INSTANCE, ResourceTypes.IDC_PERMISSION_SET,
            ResourceTypes.IDC_ASSIGNMENT);
    private static final Map<String, Mapping> MAPPINGS = mappings();

    private TerraformClassifier() {
    }

    private static Map<String, Mapping> mappings() {
        Map<String, Mapping> all = new HashMap<>();
        IamMappings.register(all);
        ServiceMappings.register(all);
        IdentityCenterMappings.register(all);
        return Map.copyOf(all);
    }

    /** The Terraform resource types read; instances of other types are ignored. */
    public static Set<String> mappedTypes() {
        return MAPPINGS.keySet();
    }

    public static List<TerraformItem> classify(String accountId, List<CollectedResource> resources,
            Set<String> completeScopes, StateRead states) {
        LiveIndex index = new LiveIndex(accountId, resources);
        Map<String, String> providerAccounts = providerAccounts(states.instances());
        Map<String, StateInstance> primaries = new LinkedHashMap<>();
        Map<String, List<StateInstance>> parts = new HashMap<>();
        Map<String, List<FieldDiff>> diffs = new HashMap<>();
        List<TerraformItem> missing = new ArrayList<>();
        for (StateInstance instance : states.instances()) {
            Mapping mapping = MAPPINGS.get(instance.type());
            if (mapping == null) {
                continue;
            }
            if (mapping.primary()) {
                for (String arn : mapping.arns().apply(instance, index)) {
                    if (!accountId.equals(accountOf(arn, instance, index, providerAccounts))) {
                        continue;
                    }
                    primaries.putIfAbsent(arn, instance);
                    Optional<CollectedResource> live = index.get(arn);
                    if (live.isPresent()) {
                        diffs.computeIfAbsent(arn, k -> new ArrayList<>())
                                .addAll(mapping.diffs().compare(instance, live.get(), index));
                    } else if (completeScopes.contains(scope(mapping.liveType(), arn, index))) {
                        missing.add(new TerraformItem(accountId, mapping.liveType(), arn, instance.address(),
                                TerraformItem.MISSING, List.of()));
                    }
                }
            } else {
                String provider = providerAccounts.get(instance.location() + "|" + instance.provider());
                if (provider != null && !provider.equals(accountId)) {
                    continue;
                }
                for (String arn : mapping.arns().apply(instance, index)) {
                    index.get(arn).ifPresent(live -> {
                        parts.computeIfAbsent(arn, k -> new ArrayList<>()).add(instance);
                        diffs.computeIfAbsent(arn, k -> new ArrayList<>())
                                .addAll(mapping.diffs().compare(instance, live, index));
                    });
                }
            }
        }
        List<TerraformItem> items = new ArrayList<>();
        for (CollectedResource r : resources) {
            if (!CLASSIFIED.contains(r.type()) || isAbsentStandIn(r)) {
                continue;
            }
            StateInstance primary = primaries.get(r.arn());
            List<FieldDiff> fields = new ArrayList<>(diffs.getOrDefault(r.arn(), List.of()));
            if (AwsManaged.is(r)) {
                items.add(new TerraformItem(accountId, r.type(), r.arn(), primary == null ? null : primary.address(),
                        TerraformItem.AWS_MANAGED, List.of()));
            } else if (primary == null) {
                items.add(new TerraformItem(accountId, r.type(), r.arn(), null, TerraformItem.UNMANAGED, fields));
            } else {
                fields.addAll(UndeclaredParts.find(r, primary, parts.getOrDefault(r.arn(), List.of())));
                items.add(new TerraformItem(accountId, r.type(), r.arn(), primary.address(),
                        fields.isEmpty() ? TerraformItem.MANAGED : TerraformItem.CHANGED, fields));
            }
        }
        items.addAll(missing);
        return items;
    }

    /** GuardDuty's "no detector in this region" resource is not a thing anyone could manage. */
    private static boolean isAbsentStandIn(CollectedResource r) {
        return ResourceTypes.GUARDDUTY_DETECTOR.equals(r.type()) && r.data().get("detectorId") == null;
    }

    private static String accountOf(String arn, StateInstance instance, LiveIndex index,
            Map<String, String> providerAccounts) {
        String account = Values.accountOf(arn);
        if (account != null) {
            return account;
        }
        if (index.idcInstanceOf(arn).isPresent()) {
            return index.accountId();
        }
        return providerAccounts.get(instance.location() + "|" + instance.provider());
    }

    /** The {@code region|service} scope in which the resource would have been seen. */
    private static String scope(String liveType, String arn, LiveIndex index) {
        String service = ResourceTypes.service(liveType);
        if ("iam".equals(service)) {
            return Collected.scope(ResourceTypes.GLOBAL_REGION, service);
        }
        if ("identitycenter".equals(service)) {
            return index.idcInstanceOf(arn).map(i -> Collected.scope(i.region(), service)).orElse("?");
        }
        return Collected.scope(String.valueOf(Values.regionOf(arn)), service);
    }

    /** The one account each file's provider configuration works in, when its ARNs agree on one. */
    private static Map<String, String> providerAccounts(List<StateInstance> instances) {
        Map<String, Set<String>> seen = new HashMap<>();
        for (StateInstance i : instances) {
            String account = Values.accountOf(i.text("arn"));
            if (account != null) {
                seen.computeIfAbsent(i.location() + "|" + i.provider(), k -> new HashSet<>()).add(account);
            }
        }
        Map<String, String> out = new HashMap<>();
        seen.forEach((k, v) -> {
            if (v.size() == 1) {
                out.put(k, v.iterator().next());
            }
        });
        return out;
    }
}
