package io.postureaudit.fakeaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KMS over JSON 1.1 ({@code TrentService.*}). Keys are fixtures in the wire shape of DescribeKey's KeyMetadata;
 * rotation, policy and grants sit beside them. Timestamps on the wire are epoch seconds.
 */
public final class FakeKms extends FakeJsonService {

    /** One key and what hangs off it. */
    public static final class Key {
        public final ObjectNode metadata;
        public boolean rotationEnabled;
        public Integer rotationPeriodInDays;
        public String policy;
        public final List<ObjectNode> grants = new ArrayList<>();

        Key(ObjectNode metadata) {
            this.metadata = metadata;
        }

        public String id() {
            return metadata.get("KeyId").asText();
        }

        public String arn() {
            return metadata.get("Arn").asText();
        }
    }

    /** One account's keys and aliases in one region. */
    public static final class Region {
        public final List<Key> keys = new ArrayList<>();
        public final List<ObjectNode> aliases = new ArrayList<>();
    }

    public FakeKms() {
        super("kms", "TrentService");
    }

    public Region region(String accountId, String region) {
        return state(accountId, region, Region::new);
    }

    /** Adds a customer-managed symmetric key with a default policy trusting the account root. */
    public Key customerKey(String accountId, String region, String keyId) {
        ObjectNode m = JSON.createObjectNode();
        m.put("AWSAccountId", accountId).put("KeyId", keyId)
                .put("Arn", "arn:aws:kms:" + region + ":" + accountId + ":key/" + keyId)
                .put("CreationDate", 1714521600.0).put("Enabled", true).put("Description", "")
                .put("KeyUsage", "ENCRYPT_DECRYPT").put("KeyState", "Enabled").put("Origin", "AWS_KMS")
                .put("KeyManager", "CUSTOMER").put("CustomerMasterKeySpec", "SYMMETRIC_DEFAULT")
                .put("KeySpec", "SYMMETRIC_DEFAULT").put("MultiRegion", false);
        m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
        Key key = new Key(m);
        key.policy = "{\"Version\":\"2012-10-17\",\"Id\":\"key-default-1\",\"Statement\":[{\"Sid\":\"Enable IAM User "
                + "Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + accountId
                + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
        Region r = region(accountId, region);
        synchronized (r) {
            r.keys.add(key);
        }
        return key;
    }

    public void alias(String accountId, String region, String aliasName, String keyId) {
        ObjectNode a = JSON.createObjectNode().put("AliasName", aliasName)
                .put("AliasArn", "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName).put("TargetKeyId", keyId);
        Region r = region(accountId, region);
        synchronized (r) {
            r.aliases.add(a);
        }
    }

    @Override
    protected Object answer(String operation, JsonNode body, FakeRequest request) {
        Region region = region(request.accountId(), request.region());
        return switch (operation) {
            case "ListKeys" -> {
                List<Map<String, String>> keys;
                synchronized (region) {
                    keys = region.keys.stream().map(k -> Map.of("KeyId", k.id(), "KeyArn", k.arn())).toList();
                }
                yield truncated(paged(keys, body, "Marker", "Limit", "Keys"));
            }
            case "ListAliases" -> {
                List<ObjectNode> aliases;
                synchronized (region) {
                    aliases = List.copyOf(region.aliases);
                }
                yield truncated(paged(aliases, body, "Marker", "Limit", "Aliases"));
            }
            case "DescribeKey" -> JSON.createObjectNode().set("KeyMetadata", key(region, body).metadata);
            case "GetKeyRotationStatus" -> {
                Key key = key(region, body);
                if (key.metadata.get("KeyState").asText().startsWith("Pending")) {
                    throw new AwsFault(400, "KMSInvalidStateException", key.arn() + " is pending deletion.");
                }
                ObjectNode out = JSON.createObjectNode().put("KeyRotationEnabled", key.rotationEnabled)
                        .put("KeyId", key.arn());
                if (key.rotationPeriodInDays != null) {
                    out.put("RotationPeriodInDays", key.rotationPeriodInDays);
                }
                yield out;
            }
            case "GetKeyPolicy" -> JSON.createObjectNode().put("Policy", key(region, body).policy)
                    .put("PolicyName", "default");
            case "ListGrants" -> truncated(paged(List.copyOf(key(region, body).grants), body, "Marker", "Limit",
                    "Grants"));
            default -> throw unknown(operation);
        };
    }

    /** KMS pages with NextMarker plus a Truncated flag. */
    private static ObjectNode truncated(ObjectNode page) {
        JsonNode marker = page.remove("Marker");
        page.put("Truncated", marker != null);
        if (marker != null) {
            page.set("NextMarker", marker);
        }
        return page;
    }

    private static Key key(Region region, JsonNode body) {
        String id = text(body, "KeyId");
        synchronized (region) {
            return region.keys.stream().filter(k -> k.id().equals(id) || k.arn().equals(id)).findFirst()
                    .orElseThrow(() -> new AwsFault(400, "NotFoundException", "Key '" + id + "' does not exist"));
        }
    }
}
