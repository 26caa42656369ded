package io.postureaudit.collect.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.kms.KmsKeyFacts;
import io.postureaudit.collect.kms.KmsNormaliser;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListGrantsResponse;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/** {@code kms:*@region} calls → kms.key resources through {@link KmsNormaliser}. */
public final class KmsBundleReader implements BundleReader {

    @Override
    public String service() {
        return "kms";
    }

    @Override
    public java.util.Set<String> operations() {
        return java.util.Set.of("kms:ListKeys", "kms:ListAliases", "kms:DescribeKey", "kms:GetKeyRotationStatus", "kms:GetKeyPolicy", "kms:ListGrants");
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void read(Bundle bundle, CollectionContext context) {
        String region = context.region();
        List<JsonNode> pages = bundle.required(context, "kms", "ListKeys", region, null);
        if (pages == null) {
            return;
        }
        List<KeyListEntry> keys = BundleReader.flatten(pages, p -> Bundle.read(p, ListKeysResponse::builder),
                ListKeysResponse::keys);
        List<JsonNode> aliasPages = bundle.required(context, "kms", "ListAliases", region, null);
        Map<String, List<AliasListEntry>> aliases = aliasPages == null ? Map.of()
                : BundleReader.flatten(aliasPages, p -> Bundle.read(p, ListAliasesResponse::builder),
                        ListAliasesResponse::aliases).stream().filter(a -> a.targetKeyId() != null)
                        .collect(Collectors.groupingBy(AliasListEntry::targetKeyId));
        Map<String, KeyMetadata> described = bundle.outputs("kms", "DescribeKey", region).stream()
                .map(o -> Bundle.read(o, DescribeKeyResponse::builder).keyMetadata())
                .collect(Collectors.toMap(KeyMetadata::keyId, k -> k, (a, b) -> a));
        boolean single = keys.size() == 1;
        for (KeyListEntry entry : keys) {
            KeyMetadata key = described.get(entry.keyId());
            if (key == null) {
                context.gap("DescribeKey", "NotInBundle: the import has no \"kms:DescribeKey@" + region
                        + "\" output for " + entry.keyArn(), entry.keyArn());
                continue;
            }
            String arn = key.arn();
            GetKeyRotationStatusResponse rotation = null;
            if (KmsNormaliser.rotationApplies(key)) {
                List<JsonNode> out = BundleReader.perResource(bundle, context, "kms", "GetKeyRotationStatus", "KeyId",
                        arn, arn, o -> o.hasNonNull("KeyId") && Bundle.matchesId(o.get("KeyId").asText(), arn), single);
                rotation = out == null ? null : Bundle.read(out.get(0), GetKeyRotationStatusResponse::builder);
            }
            List<JsonNode> policy = BundleReader.perResource(bundle, context, "kms", "GetKeyPolicy", "KeyId", arn, arn,
                    o -> false, single);
            List<JsonNode> grantPages = BundleReader.perResource(bundle, context, "kms", "ListGrants", "KeyId", arn,
                    arn, o -> BundleReader.anyNames(o.path("Grants"), "KeyId", arn), single);
            List<GrantListEntry> grants = grantPages == null ? null : BundleReader.flatten(grantPages,
                    p -> Bundle.read(p, ListGrantsResponse::builder), ListGrantsResponse::grants);
            context.add(KmsNormaliser.key(new KmsKeyFacts(key, rotation,
                    policy == null ? null : Bundle.read(policy.get(0), GetKeyPolicyResponse::builder).policy(),
                    grants, aliases.getOrDefault(key.keyId(), List.of())), context));
        }
    }
}
