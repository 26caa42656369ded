package io.postureaudit.collect.kms;

import io.postureaudit.collect.Calls;
import io.postureaudit.collect.CollectionContext;
import io.postureaudit.collect.CollectorScope;
import io.postureaudit.collect.Fanout;
import io.postureaudit.collect.ServiceCollector;
import io.postureaudit.config.PostureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/** KMS per region: every key with its metadata, rotation, key policy, aliases and grants. */
@ApplicationScoped
public class KmsCollector implements ServiceCollector {

    private final int concurrency;

    @Inject
    public KmsCollector(PostureConfig config) {
        this(config.aws().maxConcurrency());
    }

    public KmsCollector(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> noisyFields() {
        return KmsNormaliser.NOISY_FIELDS;
    }

    @Override
    public String service() {
        return "kms";
    }

    @Override
    public CollectorScope scope() {
        return CollectorScope.REGIONAL;
    }

    @Override
    public void collect(CollectionContext context) {
        KmsClient kms = context.aws().kms(context.region());
        List<KeyListEntry> keys = Calls.scope(context, "ListKeys",
                () -> kms.listKeysPaginator(r -> r.limit(1000)).keys().stream().toList()).orElse(null);
        if (keys == null) {
            return;
        }
        // One ListAliases sweep per region instead of one call per key.
        Map<String, List<AliasListEntry>> aliases = Calls.scope(context, "ListAliases",
                () -> kms.listAliasesPaginator(r -> r.limit(100)).aliases().stream()
                        .filter(a -> a.targetKeyId() != null)
                        .collect(Collectors.groupingBy(AliasListEntry::targetKeyId))).orElse(Map.of());
        Fanout.each(keys, concurrency, entry -> key(kms, entry, aliases, context));
    }

    private void key(KmsClient kms, KeyListEntry entry, Map<String, List<AliasListEntry>> aliases,
            CollectionContext context) {
        String arn = entry.keyArn();
        KeyMetadata key = Calls.resource(context, "DescribeKey", arn,
                () -> kms.describeKey(r -> r.keyId(arn)).keyMetadata()).orElse(null);
        if (key == null) {
            return;
        }
        GetKeyRotationStatusResponse rotation = !KmsNormaliser.rotationApplies(key) ? null
                : Calls.resource(context, "GetKeyRotationStatus", arn,
                        () -> kms.getKeyRotationStatus(r -> r.keyId(arn))).orElse(null);
        String policy = Calls.resource(context, "GetKeyPolicy", arn,
                () -> kms.getKeyPolicy(r -> r.keyId(arn).policyName("default")).policy()).orElse(null);
        var grants = Calls.resource(context, "ListGrants", arn,
                () -> kms.listGrantsPaginator(r -> r.keyId(arn).limit(100)).grants().stream().toList()).orElse(null);
        context.add(KmsNormaliser.key(new KmsKeyFacts(key, rotation, policy, grants,
                aliases.getOrDefault(key.keyId(), List.of())), context));
    }
}
