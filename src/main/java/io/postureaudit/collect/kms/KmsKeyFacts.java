package io.postureaudit.collect.kms;

import java.util.List;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.GrantListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * What was read about one KMS key, live or from an import bundle. {@code rotation} and {@code policy} are null when
 * they were not read (a gap was recorded, or the key cannot have them); {@code grants} null when not read.
 */
public record KmsKeyFacts(KeyMetadata metadata, GetKeyRotationStatusResponse rotation, String policy,
        List<GrantListEntry> grants, List<AliasListEntry> aliases) {
}
