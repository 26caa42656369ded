package io.postureaudit.collect.importer;

import java.util.Set;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyRequest;
import software.amazon.awssdk.services.kms.model.GetKeyPolicyResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusRequest;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.ListAliasesRequest;
import software.amazon.awssdk.services.kms.model.ListAliasesResponse;
import software.amazon.awssdk.services.kms.model.ListGrantsRequest;
import software.amazon.awssdk.services.kms.model.ListGrantsResponse;
import software.amazon.awssdk.services.kms.model.ListKeysRequest;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;

/** {@code kms:*@region} outputs as a {@link KmsClient}; per-key outputs name their key or carry {@code @request.KeyId}. */
final class BundleKmsClient extends BundleClient implements KmsClient {

    static final Set<String> OPERATIONS = Set.of("kms:ListKeys", "kms:ListAliases", "kms:DescribeKey",
            "kms:GetKeyRotationStatus", "kms:GetKeyPolicy", "kms:ListGrants");
    private static final BundleCalls.Key KEY = BundleCalls.Key.of("KeyId", "KeyId").listedBy("ListKeys", "KeyId");

    BundleKmsClient(Bundle bundle, String region) {
        super(bundle, "kms", region, SERVICE_NAME);
    }

    @Override
    public ListKeysResponse listKeys(ListKeysRequest request) {
        return calls.answer("ListKeys", request, ListKeysResponse::builder);
    }

    @Override
    public ListAliasesResponse listAliases(ListAliasesRequest request) {
        return calls.answer("ListAliases", request, ListAliasesResponse::builder);
    }

    @Override
    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        return calls.answer("DescribeKey", request, DescribeKeyResponse::builder, KEY);
    }

    @Override
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        return calls.answer("GetKeyRotationStatus", request, GetKeyRotationStatusResponse::builder, KEY);
    }

    @Override
    public GetKeyPolicyResponse getKeyPolicy(GetKeyPolicyRequest request) {
        return calls.answer("GetKeyPolicy", request, GetKeyPolicyResponse::builder, KEY);
    }

    @Override
    public ListGrantsResponse listGrants(ListGrantsRequest request) {
        return calls.answer("ListGrants", request, ListGrantsResponse::builder, KEY);
    }
}
