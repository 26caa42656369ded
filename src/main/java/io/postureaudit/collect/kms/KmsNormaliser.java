package io.postureaudit.collect.kms;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.Dates;
import io.postureaudit.collect.PolicyDocuments;
import io.postureaudit.collect.ResourceTypes;
import io.postureaudit.collect.SdkJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** Turns what was read about a KMS key into the {@code kms.key} resource; shared by the live and import paths. */
public final class KmsNormaliser {

    /** Nothing KMS reports in data moves on its own (next rotation date is kept in observed). */
    static final Map<String, List<String>> NOISY_FIELDS = Map.of();

    private KmsNormaliser() {
    }

    /** Whether AWS rotation status can be asked for: symmetric AWS-generated keys that are not being deleted. */
    public static boolean rotationApplies(KeyMetadata key) {
        return "SYMMETRIC_DEFAULT".equals(key.keySpecAsString()) && "AWS_KMS".equals(key.originAsString())
                && !String.valueOf(key.keyStateAsString()).startsWith("Pending");
    }

    public static CollectedResource key(KmsKeyFacts facts, CollectionContext context) {
        KeyMetadata key = facts.metadata();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keyId", key.keyId());
        data.put("arn", key.arn());
        data.put("description", key.description() == null ? "" : key.description());
        data.put("manager", key.keyManagerAsString());
        data.put("customerManaged", "CUSTOMER".equals(key.keyManagerAsString()));
        data.put("state", key.keyStateAsString());
        data.put("enabled", Boolean.TRUE.equals(key.enabled()));
        data.put("spec", key.keySpecAsString());
        data.put("usage", key.keyUsageAsString());
        data.put("origin", key.originAsString());
        data.put("multiRegion", Boolean.TRUE.equals(key.multiRegion()));
        data.put("multiRegionKeyType", key.multiRegionConfiguration() == null ? null
                : key.multiRegionConfiguration().multiRegionKeyTypeAsString());
        data.put("creationDate", Dates.iso(key.creationDate()));
        data.put("deletionDate", Dates.iso(key.deletionDate()));
        data.put("pendingDeletionWindowInDays", key.pendingDeletionWindowInDays());
        data.put("rotationApplies", rotationApplies(key));
        if (facts.rotation() != null) {
            data.put("rotationEnabled", Boolean.TRUE.equals(facts.rotation().keyRotationEnabled()));
            data.put("rotationPeriodInDays", facts.rotation().rotationPeriodInDays());
        } else {
            data.put("rotationEnabled", null);
            data.put("rotationPeriodInDays", null);
        }
        data.put("policy", policy(facts.policy(), key.arn(), context));
        data.put("aliases", facts.aliases() == null ? List.of()
                : facts.aliases().stream().map(a -> a.aliasName()).sorted().toList());
        data.put("grants", facts.grants() == null ? List.of() : grants(facts.grants()));
        Map<String, Object> observed = new LinkedHashMap<>();
        if (facts.rotation() != null && facts.rotation().nextRotationDate() != null) {
            observed.put("nextRotationDate", Dates.iso(facts.rotation().nextRotationDate()));
        }
        String name = facts.aliases() == null || facts.aliases().isEmpty() ? key.keyId()
                : facts.aliases().get(0).aliasName();
        return new CollectedResource(key.arn(), ResourceTypes.KMS_KEY, context.accountId(), context.region(), name,
                data, observed);
    }

    private static Object policy(String text, String arn, CollectionContext context) {
        if (text == null) {
            return null;
        }
        try {
            return PolicyDocuments.decode(text);
        } catch (PolicyDocuments.MalformedPolicyException e) {
            context.gap("GetKeyPolicy", "MalformedPolicy: key policy of " + arn + " at " + e.getMessage(), arn);
            return null;
        }
    }

    private static List<Object> grants(List<GrantListEntry> grants) {
        List<Object> out = new ArrayList<>();
        for (GrantListEntry grant : grants) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("grantId", grant.grantId());
            g.put("name", grant.name());
            g.put("granteePrincipal", grant.granteePrincipal());
            g.put("retiringPrincipal", grant.retiringPrincipal());
            g.put("issuingAccount", grant.issuingAccount());
            g.put("operations", grant.operationsAsStrings());
            g.put("constraints", grant.constraints() == null ? null : SdkJson.camelTree(grant.constraints()));
            g.put("creationDate", Dates.iso(grant.creationDate()));
            out.add(g);
        }
        return out;
    }
}
