package io.postureaudit.terraform;

import io.postureaudit.collect.CollectedResource;
import io.postureaudit.collect.ResourceTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One account's live resources, found by ARN or (for IAM, where state parts name their parent) by name. */
final class LiveIndex {

    private final String accountId;
    private final Map<String, CollectedResource> byArn = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, CollectedResource> idcInstances = new HashMap<>();
    private final List<CollectedResource> users = new ArrayList<>();

    LiveIndex(String accountId, List<CollectedResource> resources) {
        this.accountId = accountId;
        for (CollectedResource r : resources) {
            byArn.put(r.arn(), r);
            switch (r.type()) {
                case ResourceTypes.IAM_USER, ResourceTypes.IAM_ROLE, ResourceTypes.IAM_GROUP ->
                        byName.put(r.type() + ":" + r.name(), r.arn());
                case ResourceTypes.IDC_INSTANCE -> idcInstances.put(instanceId(r.arn()), r);
                default -> {
                }
            }
            if (ResourceTypes.IAM_USER.equals(r.type())) {
                users.add(r);
            }
        }
    }

    String accountId() {
        return accountId;
    }

    Optional<CollectedResource> get(String arn) {
        return Optional.ofNullable(arn == null ? null : byArn.get(arn));
    }

    /** The ARN of the IAM user, role or group of that name in this account, if it is live. */
    Optional<String> iamArn(String type, String name) {
        return Optional.ofNullable(name == null ? null : byName.get(type + ":" + name));
    }

    /** Names of the live users that are members of {@code group}. */
    List<String> members(String group) {
        List<String> out = new ArrayList<>();
        for (CollectedResource user : users) {
            if (Values.strings(user.data().get("groups")).contains(group)) {
                out.add(user.name());
            }
        }
        return out.stream().sorted().toList();
    }

    /** The live Identity Center instance that an instance, permission set or assignment ARN belongs to. */
    Optional<CollectedResource> idcInstanceOf(String arn) {
        String id = instanceId(arn);
        return Optional.ofNullable(id == null ? null : idcInstances.get(id));
    }

    /** {@code ssoins-…} from {@code arn:aws:sso:::instance/ssoins-…} or {@code arn:aws:sso:::permissionSet/ssoins-…/ps-…}. */
    static String instanceId(String arn) {
        if (arn == null) {
            return null;
        }
        int at = arn.indexOf("ssoins-");
        if (at < 0) {
            return null;
        }
        int end = arn.indexOf('/', at);
        return end < 0 ? arn.substring(at) : arn.substring(at, end);
    }
}
